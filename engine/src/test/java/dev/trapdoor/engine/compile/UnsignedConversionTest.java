package dev.trapdoor.engine.compile;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.exec.EngineConfig;
import dev.trapdoor.engine.exec.ImportResolver;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.exec.Store;
import dev.trapdoor.engine.exec.Tier;
import dev.trapdoor.engine.testing.Wabt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code f32.convert_i32_u} and {@code f64.convert_i32_u} in compiled code ({@link NumericOps#inlineUnsigned}: JVM
 * arithmetic by default, the interpreter's helper with {@code -Dtrapdoor.jit.inlineUnsignedConversions=false}) give the
 * interpreter's bits for values at the sign bit, past it, and where f32 must round (to even).
 */
class UnsignedConversionTest {
    private static final String SWITCH = "trapdoor.jit.inlineUnsignedConversions";
    private static final int[] VALUES = {0, 1, 0x7FFF_FFFF, 0x8000_0000, 0x8000_0001, 0xFFFF_FFFF, 0xFFFF_FF7F,
            0xFFFF_FF80, 0xFFFF_FF81, 16_777_217, 16_777_219, 0x8000_0080, 0x8000_0180, -3};

    private static final String MODULE = """
            (module
              (func (export "f32") (param i32) (result i32) (i32.reinterpret_f32 (f32.convert_i32_u (local.get 0))))
              (func (export "f64") (param i32) (result i64) (i64.reinterpret_f64 (f64.convert_i32_u (local.get 0)))))
            """;

    @AfterEach
    void byDefault() {
        System.clearProperty(SWITCH);
    }

    private static Instance instance(EngineConfig config) {
        return new Store(config).instantiate(Wasm.load(Wabt.wat(MODULE)), ImportResolver.NONE);
    }

    @ParameterizedTest(name = "inline {0}")
    @ValueSource(booleans = {true, false})
    void compiledConversionsGiveTheInterpretersBits(boolean inline) {
        System.setProperty(SWITCH, Boolean.toString(inline));
        Instance interpreted = instance(EngineConfig.DEFAULT);
        Instance compiled = instance(EngineConfig.DEFAULT.withTier(Tier.COMPILED));
        for (int v : VALUES) {
            long expectedF32 = Float.floatToRawIntBits((float) (v & 0xFFFF_FFFFL));
            assertEquals(expectedF32, interpreted.invoke("f32", v)[0] & 0xFFFF_FFFFL, "interpreter f32 " + v);
            assertEquals(interpreted.invoke("f32", v)[0] & 0xFFFF_FFFFL, compiled.invoke("f32", v)[0] & 0xFFFF_FFFFL,
                    "f32 " + Integer.toUnsignedString(v));
            assertEquals(Double.doubleToRawLongBits((double) (v & 0xFFFF_FFFFL)), compiled.invoke("f64", v)[0],
                    "f64 " + Integer.toUnsignedString(v));
            assertEquals(interpreted.invoke("f64", v)[0], compiled.invoke("f64", v)[0], "f64 " + v);
        }
    }
}
