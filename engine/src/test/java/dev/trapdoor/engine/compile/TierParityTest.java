package dev.trapdoor.engine.compile;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.exec.EngineConfig;
import dev.trapdoor.engine.exec.ImportResolver;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.exec.Store;
import dev.trapdoor.engine.exec.Tier;
import dev.trapdoor.engine.testing.Wabt;
import dev.trapdoor.engine.trap.Trap;
import dev.trapdoor.engine.trap.TrapKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static dev.trapdoor.engine.testing.SameTrap.assertSameTrap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Each trap kind raised in the interpreter and in compiled code (one chunk, and chunks of a few bytes): the two
 * {@link Trap}s must be equal field by field — kind, module offset, function, detail and every frame.
 */
class TierParityTest {
    private static final String MODULE = """
            (module
              (type $ii (func (param i32) (result i32)))
              (memory 1)
              (table 4 funcref)
              (elem (i32.const 0) $id $two)
              (func $id (type $ii) (local.get 0))
              (func $two (param i32 i32) (result i32) (local.get 0))
              (func $div (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
              (func $rem (param i64 i64) (result i64) (i64.rem_u (local.get 0) (local.get 1)))
              (func (export "div0") (param i32) (result i32)
                (i32.add (i32.const 1) (call $div (local.get 0) (i32.const 0))))
              (func (export "overflow") (result i32) (call $div (i32.const 0x80000000) (i32.const -1)))
              (func (export "rem0") (result i64) (call $rem (i64.const 5) (i64.const 0)))
              (func (export "load") (param i32) (result i32) (i32.load offset=8 (local.get 0)))
              (func (export "store") (param i32) (i64.store16 offset=3 (local.get 0) (i64.const 7)))
              (func (export "unreachable") (block (br_if 0 (i32.const 0)) (unreachable)))
              (func (export "trunc") (param f64) (result i32) (i32.trunc_f64_s (local.get 0)))
              (func (export "undefined") (param i32) (result i32)
                (call_indirect (type $ii) (i32.const 1) (local.get 0)))
              (func (export "mismatch") (result i32) (call_indirect (type $ii) (i32.const 1) (i32.const 1)))
              (func (export "uninit") (result i32) (call_indirect (type $ii) (i32.const 1) (i32.const 3)))
              (func (export "table") (result funcref) (table.get 0 (i32.const 9)))
              (func (export "fill") (memory.fill (i32.const 65530) (i32.const 0) (i32.const 10)))
              (func $deep (export "deep") (param i32) (result i32)
                (i32.add (i32.const 1) (call $deep (i32.add (local.get 0) (i32.const 1)))))
            )""";

    static Stream<Arguments> traps() {
        return Stream.of(
                Arguments.of("div0", new long[]{7}, TrapKind.INTEGER_DIVIDE_BY_ZERO),
                Arguments.of("overflow", new long[0], TrapKind.INTEGER_OVERFLOW),
                Arguments.of("rem0", new long[0], TrapKind.INTEGER_DIVIDE_BY_ZERO),
                Arguments.of("load", new long[]{65530}, TrapKind.MEMORY_OUT_OF_BOUNDS),
                Arguments.of("load", new long[]{-4}, TrapKind.MEMORY_OUT_OF_BOUNDS),
                Arguments.of("store", new long[]{65534}, TrapKind.MEMORY_OUT_OF_BOUNDS),
                Arguments.of("unreachable", new long[0], TrapKind.UNREACHABLE),
                Arguments.of("trunc", new long[]{Double.doubleToRawLongBits(Double.NaN)},
                        TrapKind.INVALID_CONVERSION_TO_INTEGER),
                Arguments.of("trunc", new long[]{Double.doubleToRawLongBits(1e300)}, TrapKind.INTEGER_OVERFLOW),
                Arguments.of("undefined", new long[]{17}, TrapKind.UNDEFINED_ELEMENT),
                Arguments.of("mismatch", new long[0], TrapKind.INDIRECT_CALL_TYPE_MISMATCH),
                Arguments.of("uninit", new long[0], TrapKind.UNINITIALIZED_ELEMENT),
                Arguments.of("table", new long[0], TrapKind.TABLE_OUT_OF_BOUNDS),
                Arguments.of("fill", new long[0], TrapKind.MEMORY_OUT_OF_BOUNDS));
    }

    private static Trap trapIn(EngineConfig config, String export, long[] args) {
        byte[] wasm = Wabt.wat(MODULE);
        Instance inst = new Store(config).instantiate(Wasm.load(wasm), ImportResolver.NONE);
        return assertThrows(Trap.class, () -> inst.invoke(export, args));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("traps")
    void sameTrapInEveryTier(String export, long[] args, TrapKind kind) {
        Trap interpreted = trapIn(EngineConfig.DEFAULT, export, args);
        assertEquals(kind, interpreted.kind());
        for (EngineConfig compiled : new EngineConfig[]{EngineConfig.DEFAULT.withTier(Tier.COMPILED),
                EngineConfig.DEFAULT.withTier(Tier.COMPILED).withChunkBudget(64)}) {
            Trap t = trapIn(compiled, export, args);
            assertSameTrap(interpreted, t);
        }
    }

    @ParameterizedTest(name = "budget {0}")
    @MethodSource("budgets")
    void callStackExhaustionHasTheSameFrames(int budget) {
        EngineConfig small = new EngineConfig(300, 1 << 16, false);
        Trap interpreted = trapIn(small, "deep", new long[]{0});
        Trap compiled = trapIn(small.withTier(Tier.COMPILED).withChunkBudget(budget), "deep", new long[]{0});
        assertEquals(TrapKind.CALL_STACK_EXHAUSTED, compiled.kind());
        assertEquals(interpreted.moduleOffset(), compiled.moduleOffset());
        assertEquals(interpreted.detail(), compiled.detail());
        assertEquals(interpreted.stack(), compiled.stack());
    }

    static Stream<Integer> budgets() {
        return Stream.of(EngineConfig.DEFAULT_CHUNK_BUDGET, 64);
    }
}
