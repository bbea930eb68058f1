package dev.trapdoor.engine.compile;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.exec.EngineConfig;
import dev.trapdoor.engine.exec.ImportResolver;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.exec.Store;
import dev.trapdoor.engine.exec.Tier;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.text.Wat;
import dev.trapdoor.engine.trap.Trap;
import dev.trapdoor.engine.trap.TrapKind;
import dev.trapdoor.engine.validate.ModuleContext;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A module that declares non-final function types compiles: a compiled {@code call_indirect} resolves its callee
 * with the interpreter's check, subtype walk included, so a callee of a declared subtype is called and one of an
 * unrelated type (the same signature, but final: a distinct type) traps with the interpreter's detail.
 */
class SubtypedCallIndirectTest {
    private static final String WAT = """
            (module
              (type $base (sub (func (param i32) (result i32))))
              (type $derived (sub $base (func (param i32) (result i32))))
              (type $other (sub final (func (param i32) (result i32))))
              (table 3 funcref)
              (elem (i32.const 0) $twice $thrice $stranger)
              (func $twice (type $derived) (i32.mul (local.get 0) (i32.const 2)))
              (func $thrice (type $base) (i32.mul (local.get 0) (i32.const 3)))
              (func $stranger (type $other) (local.get 0))
              (func (export "call") (param i32 i32) (result i32)
                (call_indirect (type $base) (local.get 1) (local.get 0)))
              (func (export "sum") (param $n i32) (result i32)
                (local $acc i32)
                (loop $next
                  (local.set $acc (i32.add (local.get $acc)
                    (call_indirect (type $base) (local.get $n) (i32.and (local.get $n) (i32.const 1)))))
                  (br_if $next (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
                (local.get $acc)))
            """;

    private static final EngineConfig[] CONFIGS = {EngineConfig.DEFAULT,
            EngineConfig.DEFAULT.withTier(Tier.COMPILED), EngineConfig.DEFAULT.withTier(Tier.COMPILED).withChunkBudget(64)};

    private static Instance instance(EngineConfig config) {
        return new Store(config).instantiate(Wasm.load(Wat.compile("sub.wat", WAT).binary()), ImportResolver.NONE);
    }

    @Test
    void everyFunctionCompiles() {
        WasmModule m = Wasm.load(Wat.compile("sub.wat", WAT).binary());
        ModuleContext ctx = new ModuleContext(m);
        for (int f = 0; f < m.functionCount(); f++) {
            JvmCompiler.compile(ctx, f, EngineConfig.DEFAULT_CHUNK_BUDGET, "dev/trapdoor/engine/exec/Jit$U", false, true);
        }
    }

    @Test
    void subtypesAreCalledAndOtherTypesTrapAsInTheInterpreter() {
        Trap interpreted = assertThrows(Trap.class, () -> instance(CONFIGS[0]).invoke("call", 2, 5));
        assertEquals(TrapKind.INDIRECT_CALL_TYPE_MISMATCH, interpreted.kind());
        for (EngineConfig config : CONFIGS) {
            Instance inst = instance(config);
            assertEquals(10, inst.invoke("call", 0, 5)[0]);
            assertEquals(15, inst.invoke("call", 1, 5)[0]);
            // 6*2 + 5*3 + 4*2 + 3*3 + 2*2 + 1*3: the site meets both callees in turn.
            assertEquals(51, inst.invoke("sum", 6)[0]);
            Trap t = assertThrows(Trap.class, () -> inst.invoke("call", 2, 5));
            assertEquals(interpreted.detail(), t.detail());
            assertEquals(interpreted.stack(), t.stack());
            assertEquals(interpreted.moduleOffset(), t.moduleOffset());
        }
    }
}
