package dev.trapdoor.engine.compile;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.exec.EngineConfig;
import dev.trapdoor.engine.exec.ImportResolver;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.exec.Store;
import dev.trapdoor.engine.exec.Tier;
import dev.trapdoor.engine.testing.Wabt;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code f32.convert_i32_u} and {@code f64.convert_i32_u}, emitted inline ({@link NumericOps#UNSIGNED_INLINE}), give
 * the interpreter's bits for operands that are negative as a JVM int and for ones f32 must round (ties to even).
 */
class UnsignedConversionTest {
    private static final String WAT = """
            (module
              (func (export "f32") (param i32) (result i32) (i32.reinterpret_f32 (f32.convert_i32_u (local.get 0))))
              (func (export "f64") (param i32) (result i64) (i64.reinterpret_f64 (f64.convert_i32_u (local.get 0)))))
            """;

    private static final long[] OPERANDS = {0, 1, 0x7FFF_FFFFL, 0x8000_0000L, 0x8000_0001L, 0xFFFF_FFFFL,
        0xFFFF_FF7FL, 0xFFFF_FF80L, 0xFFFF_FF81L, 0x0100_0001L, 0x0100_0003L, 0x8000_0080L, 0x8000_0180L,
        0x7FFF_FFC0L, 123_456_789L};

    private static String answers(Tier tier) {
        Instance inst = new Store(EngineConfig.DEFAULT.withTier(tier)).instantiate(Wasm.load(Wabt.wat(WAT)),
                ImportResolver.NONE);
        StringBuilder out = new StringBuilder();
        for (long x : OPERANDS) {
            out.append(Long.toHexString(x)).append(' ')
                    .append(Long.toHexString(inst.invoke("f32", x)[0])).append(' ')
                    .append(Long.toHexString(inst.invoke("f64", x)[0])).append('\n');
        }
        return out.toString();
    }

    @Test
    void compiledConversionsGiveTheInterpretersBits() {
        String interpreted = answers(Tier.INTERPRETER);
        assertEquals(interpreted, answers(Tier.COMPILED));
        // 2^32 - 1 rounds up to 2^32 in f32 and is exact in f64.
        assertEquals(true, interpreted.contains("ffffffff 4f800000 41efffffffe00000"), interpreted);
    }
}
