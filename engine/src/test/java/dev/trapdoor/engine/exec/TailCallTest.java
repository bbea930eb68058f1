package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.error.InvalidModuleException;
import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.ValType;
import dev.trapdoor.engine.text.Wat;
import dev.trapdoor.engine.trap.Trap;
import dev.trapdoor.engine.trap.TrapKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code return_call} and {@code return_call_indirect} in every tier: the callee's frame replaces the caller's. */
class TailCallTest {
    private static final String WAT = """
            (module
              (import "host" "twice" (func $twice (param i64) (result i64)))
              (type $ii (func (param i64) (result i64)))
              (table 3 funcref)
              (elem (i32.const 0) $even $odd $twice)
              (func $even (export "even") (param i64) (result i64)
                (if (result i64) (i64.eqz (local.get 0)) (then (i64.const 1))
                  (else (return_call $odd (i64.sub (local.get 0) (i64.const 1))))))
              (func $odd (export "odd") (param i64) (result i64)
                (if (result i64) (i64.eqz (local.get 0)) (then (i64.const 0))
                  (else (return_call_indirect (type $ii) (i64.sub (local.get 0) (i64.const 1)) (i32.const 0)))))
              ;; a callee with declared locals: they start at zero although the caller's slots held values
              (func $sum (param i64 i64) (result i64) (local i64 i64)
                (local.set 2 (i64.add (local.get 2) (local.get 0)))
                (local.set 3 (i64.add (local.get 3) (local.get 1)))
                (i64.add (local.get 2) (local.get 3)))
              (func (export "locals") (param i64) (result i64) (local i64 i64)
                (local.set 1 (i64.const 1000))
                (local.set 2 (i64.const 2000))
                (return_call $sum (local.get 0) (i64.const 5)))
              (func $pair (param i32 i32) (result i32 i32) (local.get 1) (local.get 0))
              (func (export "swap") (param i32 i32) (result i32 i32)
                (i32.const 99) (drop)
                (return_call $pair (local.get 0) (local.get 1)))
              (func (export "host") (param i64) (result i64)
                (return_call_indirect (type $ii) (local.get 0) (i32.const 2)))
              (func (export "direct-host") (param i64) (result i64) (return_call $twice (local.get 0)))
              (func (export "mismatch") (result i32)
                (return_call_indirect (result i32) (i32.const 1)))
              (func (export "out-of-range") (result i64)
                (return_call_indirect (type $ii) (i64.const 1) (i32.const 7))))
            """;

    static List<EngineConfig> configs() {
        EngineConfig strict = EngineConfig.DEFAULT;
        return List.of(strict.withTier(Tier.INTERPRETER), strict.withTier(Tier.COMPILED),
                strict.withTier(Tier.TIERED).withTierUpThreshold(2),
                strict.withTier(Tier.INTERPRETER).withTranslation(TranslationLevel.EXACT));
    }

    private static Instance instance(EngineConfig config, AtomicLong hostCalls) {
        Store store = new Store(config);
        FunctionInstance twice = store.hostFunction("twice", new FuncType(new ValType[]{ValType.I64},
                new ValType[]{ValType.I64}), (caller, args) -> {
                    hostCalls.incrementAndGet();
                    return new long[]{args[0] * 2};
                });
        return store.instantiate(Wasm.load(Wat.compile("tail.wat", WAT).binary()),
                (module, name) -> name.equals("twice") ? twice : null);
    }

    @ParameterizedTest
    @MethodSource("configs")
    void mutualRecursionAMillionDeepRunsInConstantStack(EngineConfig config) {
        Instance inst = instance(config, new AtomicLong());
        // The call depth limit is 20,000: only tail calls that replace frames get this far.
        assertEquals(1, inst.invoke("even", 1_000_000)[0]);
        assertEquals(0, inst.invoke("even", 1_000_001)[0]);
        assertEquals(1, inst.invoke("odd", 999_999)[0]);
    }

    @ParameterizedTest
    @MethodSource("configs")
    void argumentsLocalsAndResultsArriveWhereTheyBelong(EngineConfig config) {
        AtomicLong hostCalls = new AtomicLong();
        Instance inst = instance(config, hostCalls);
        assertEquals(12, inst.invoke("locals", 7)[0]);
        assertArrayEquals(new long[]{4, 3}, inst.invoke("swap", 3, 4));
        assertEquals(42, inst.invoke("host", 21)[0]);
        assertEquals(10, inst.invoke("direct-host", 5)[0]);
        assertEquals(2, hostCalls.get());
    }

    @ParameterizedTest
    @MethodSource("configs")
    void anIndirectTailCallChecksTypeAndIndex(EngineConfig config) {
        Instance inst = instance(config, new AtomicLong());
        assertEquals(TrapKind.INDIRECT_CALL_TYPE_MISMATCH, assertThrows(Trap.class, () -> inst.invoke("mismatch")).kind());
        assertEquals(TrapKind.UNDEFINED_ELEMENT, assertThrows(Trap.class, () -> inst.invoke("out-of-range")).kind());
    }

    @Test
    void aTailCallMustReturnTheCallersResults() {
        var e = assertThrows(InvalidModuleException.class, () -> Wasm.load(Wat.compile("bad.wat", """
                (module (func $f (result i64) (i64.const 1)) (func (result i32) (return_call $f)))
                """).binary()));
        assertTrue(e.getMessage().contains("type mismatch"), e.getMessage());
    }
}
