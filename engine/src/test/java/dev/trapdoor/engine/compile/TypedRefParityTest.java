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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.trapdoor.engine.testing.SameTrap.assertSameTrap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Typed function references compile: {@code call_ref}, {@code ref.as_non_null}, {@code br_on_null} and
 * {@code br_on_non_null} run as compiled code, give the interpreter's results, and their traps equal the
 * interpreter's field by field (kind, offset, detail, frames), in one chunk and in chunks of a few bytes.
 */
class TypedRefParityTest {
    private static final String WAT = """
            (module
              (type $binop (func (param i32 i32) (result i32)))
              (func $add (type $binop) (i32.add (local.get 0) (local.get 1)))
              (func $sub (type $binop) (i32.sub (local.get 0) (local.get 1)))
              (elem declare func $add $sub)
              (func (export "alternate") (param $n i32) (result i32)
                (local $acc i32)
                (loop $next
                  (local.set $acc (call_ref $binop (local.get $acc) (local.get $n)
                    (select (result (ref $binop)) (ref.func $add) (ref.func $sub)
                      (i32.and (local.get $n) (i32.const 1)))))
                  (br_if $next (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
                (local.get $acc))
              (global $op (mut (ref null $binop)) (ref.null $binop))
              (func (export "set") (global.set $op (ref.func $add)))
              (func $apply (param i32 i32) (result i32)
                (call_ref $binop (local.get 0) (local.get 1) (global.get $op)))
              (func (export "apply") (param i32) (result i32)
                (i32.mul (i32.const 2) (call $apply (local.get 0) (i32.const 5))))
              (func $checked (result i32)
                (call_ref $binop (i32.const 10) (i32.const 3) (ref.as_non_null (global.get $op))))
              (func (export "checked") (result i32) (i32.add (i32.const 1) (call $checked)))
              (func (export "sum") (param $n i32) (result i32)
                (local $acc i32)
                (loop $next
                  (block $null
                    (local.set $acc (call_ref $binop (local.get $acc) (local.get $n)
                      (br_on_null $null (global.get $op)))))
                  (block $set (result (ref $binop))
                    (br_on_non_null $set (global.get $op))
                    (local.set $acc (i32.sub (local.get $acc) (i32.const 1)))
                    (ref.func $add))
                  (drop)
                  (br_if $next (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
                (local.get $acc)))
            """;

    private static final EngineConfig[] COMPILED = {EngineConfig.DEFAULT.withTier(Tier.COMPILED),
            EngineConfig.DEFAULT.withTier(Tier.COMPILED).withChunkBudget(64)};

    private static byte[] wasm() {
        return Wat.compile("refs.wat", WAT).binary();
    }

    private static Instance instance(EngineConfig config, boolean set) {
        Instance inst = new Store(config).instantiate(Wasm.load(wasm()), ImportResolver.NONE);
        if (set) {
            inst.invoke("set");
        }
        return inst;
    }

    @Test
    void noFunctionIsDeclined() {
        WasmModule m = Wasm.load(wasm());
        ModuleContext ctx = new ModuleContext(m);
        for (int budget : new int[]{EngineConfig.DEFAULT_CHUNK_BUDGET, 64}) {
            for (int f = 0; f < m.functionCount(); f++) {
                JvmCompiler.compile(ctx, f, budget, "dev/trapdoor/engine/exec/Jit$R", false, true);
            }
        }
    }

    @Test
    void sameResultsInEveryTier() {
        for (boolean set : new boolean[]{false, true}) {
            long[] interpreted = instance(EngineConfig.DEFAULT, set).invoke("sum", 6);
            for (EngineConfig config : COMPILED) {
                assertEquals(interpreted[0], instance(config, set).invoke("sum", 6)[0], "set " + set);
            }
        }
        // One call_ref site meets two callees in turn: its cache must tell them apart (7 - 6 + 5 - 4 + 3 - 2 + 1).
        for (EngineConfig config : COMPILED) {
            assertEquals(4, instance(config, false).invoke("alternate", 7)[0]);
        }
        assertEquals(2 * (4 + 5), instance(COMPILED[1], true).invoke("apply", 4)[0]);
        assertEquals(1 + 13, instance(COMPILED[1], true).invoke("checked")[0]);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"apply, NULL_FUNCTION_REFERENCE", "checked, NULL_REFERENCE"})
    void sameTrapInEveryTier(String export, TrapKind kind) {
        long[] args = export.equals("apply") ? new long[]{4} : new long[0];
        Trap interpreted = assertThrows(Trap.class, () -> instance(EngineConfig.DEFAULT, false).invoke(export, args));
        assertEquals(kind, interpreted.kind());
        for (EngineConfig config : COMPILED) {
            Trap t = assertThrows(Trap.class, () -> instance(config, false).invoke(export, args));
            assertSameTrap(interpreted, t);
        }
    }
}
