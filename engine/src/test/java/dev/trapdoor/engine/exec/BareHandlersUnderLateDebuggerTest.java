package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.testing.SeenFrame;
import dev.trapdoor.engine.testing.Wabt;
import dev.trapdoor.engine.trap.Trap;
import dev.trapdoor.engine.trap.TrapKind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.trapdoor.engine.testing.SameTrap.assertSameTrap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Code compiled before a debugger existed has bare trap handlers ({@code compile.Sites#bareEnabled}), which leave the
 * values pending at a site unstored: a debugger that attaches later drops that code, also a function of one chunk,
 * so that a trap shows it the interpreter's operands.
 */
class BareHandlersUnderLateDebuggerTest {
    /** At the load, {@code $a} and the address are pending operands. */
    private static final String MODULE = """
            (module
              (memory 1)
              (func (export "f") (param $p i32) (result i32) (local $a i32)
                (local.set $a (i32.add (local.get $p) (i32.const 11)))
                (i32.add (local.get $a) (i32.load (local.get $p)))))""";

    private record Run(List<SeenFrame> frames, Trap trap, boolean compiled) {
    }

    private static Run run(Tier tier) {
        Store store = new Store(EngineConfig.DEFAULT.withTier(tier));
        Instance instance = store.instantiate(Wasm.load(Wabt.wat(MODULE)), ImportResolver.NONE);
        FunctionInstance f = instance.function("f");
        assertEquals(tier == Tier.COMPILED, f.jit != null);
        List<SeenFrame> seen = SeenFrame.atTraps(store.debugger());
        Trap trap = assertThrows(Trap.class, () -> f.call(65534));
        return new Run(seen, trap, f.jit != null);
    }

    @Test
    void aTrapShowsTheOperandsThatWerePending() {
        Run interpreted = run(Tier.INTERPRETER);
        Run compiled = run(Tier.COMPILED);
        assertTrue(compiled.compiled(), "compiled again for the debugger");
        assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS, interpreted.trap().kind());
        assertEquals(List.of(65545L, 65534L), interpreted.frames().get(0).operands());
        assertEquals(interpreted.frames(), compiled.frames());
        assertSameTrap(interpreted.trap(), compiled.trap());
    }
}
