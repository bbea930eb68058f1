package dev.trapdoor.engine.compile;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.exec.EngineConfig;
import dev.trapdoor.engine.exec.FunctionInstance;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.exec.Store;
import dev.trapdoor.engine.exec.Tier;
import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.ValType;
import dev.trapdoor.engine.testing.Wabt;
import dev.trapdoor.engine.trap.Trap;
import dev.trapdoor.engine.trap.TrapDetail;
import dev.trapdoor.engine.trap.TrapKind;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Typed entries carry their call depth as an argument rather than in the interpreter's counters; wherever they hand
 * control to code that reads the counters, the depth must come out as the interpreter's. Here 40 typed frames call a
 * host function that calls back into a recursion until the call stack is exhausted, and a chunked function (a tiny
 * budget) sits between typed ones: the depth each run reaches and the trap's detail must match the interpreter's.
 */
class TypedDepthTest {
    private static final String MODULE = """
            (module
              (import "host" "back" (func $back (param i32) (result i32)))
              (func $down (export "down") (param i32) (result i32)
                (if (result i32) (i32.eq (local.get 0) (i32.const 40))
                  (then (call $back (local.get 0)))
                  (else (i32.add (i32.const 1) (call $down (i32.add (local.get 0) (i32.const 1)))))))
              (func $deep (export "deep") (param i32) (result i32)
                (i32.add (i32.const 1) (call $deep (i32.add (local.get 0) (i32.const 1)))))
            )""";

    private static final FuncType I32_TO_I32 = new FuncType(new ValType[]{ValType.I32}, new ValType[]{ValType.I32});

    /**
     * The call depth in the exhaustion's detail and how many recursive frames the callback reached. (The trap's
     * frame list and value-stack slots across a host frame differ between the tiers today; not checked here.)
     */
    private static String run(EngineConfig config) {
        Store store = new Store(config);
        Instance[] self = new Instance[1];
        String[] seen = new String[1];
        FunctionInstance back = store.hostFunction("back", I32_TO_I32, (caller, args) -> {
            try {
                self[0].invoke("deep", args[0]);
                return new long[]{-1};
            } catch (Trap t) {
                assertEquals(TrapKind.CALL_STACK_EXHAUSTED, t.kind());
                TrapDetail.StackExhausted d = (TrapDetail.StackExhausted) t.detail();
                seen[0] = d.depth() + " of " + d.maxDepth();
                // How deep the callback's recursion got: what the counters allowed below 41 typed frames and the host.
                return new long[]{t.stack().stream().filter(f -> f.funcIndex() == 2).count()};
            }
        });
        self[0] = store.instantiate(Wasm.load(Wabt.wat(MODULE)), (module, name) -> name.equals("back") ? back : null);
        long frames = self[0].invoke("down", 0)[0];
        return seen[0] + " / " + frames;
    }

    @Test
    void hostCallbacksBelowTypedFramesSeeTheInterpretersDepth() {
        EngineConfig small = new EngineConfig(300, 1 << 16, false);
        String interpreted = run(small);
        assertEquals(interpreted, run(small.withTier(Tier.COMPILED)));
        assertEquals(interpreted, run(small.withTier(Tier.COMPILED).withChunkBudget(64)));
        assertEquals(interpreted, run(small.withTier(Tier.TIERED)));
    }
}
