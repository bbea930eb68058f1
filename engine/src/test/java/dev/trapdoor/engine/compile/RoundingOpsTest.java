package dev.trapdoor.engine.compile;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.exec.EngineConfig;
import dev.trapdoor.engine.exec.ImportResolver;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.exec.Store;
import dev.trapdoor.engine.exec.Tier;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.testing.ClassFiles;
import dev.trapdoor.engine.testing.Wabt;
import dev.trapdoor.engine.validate.ModuleContext;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Float abs, neg, ceil, floor, trunc, nearest and sqrt in compiled code, written out ({@code RoundingOps}, opt-in,
 * {@code -Dtrapdoor.jit.inlineRounding=true}) or as the {@code FloatOps.rounding} call: for every op, each special value (zeros, halves, the largest
 * non-integers, subnormals, infinities, NaNs quiet and signalling with payloads and either sign) gives the
 * interpreter's bits, in a function of one op and in one that applies all of them in a row.
 */
class RoundingOpsTest {
    private static final String[] OPS = {"abs", "neg", "ceil", "floor", "trunc", "nearest", "sqrt"};

    private static final int[] F32 = {0, 0x8000_0000, 0x3F80_0000, 0xBF80_0000, 0x3F00_0000, 0xBF00_0000, 0x3FC0_0000,
        0x4020_0000, 0xC020_0000, 0x3EFF_FFFF, 0x4AFF_FFFF, 0xCAFF_FFFF, 0x4B00_0001, 0x7149_F2CA, 0xF149_F2CA, 1,
        0x807F_FFFF, 0x4080_0000, 0x4110_0000, 0x7F80_0000, 0xFF80_0000, 0x7FC0_0000, 0xFFC0_0000, 0x7FC1_2345,
        0x7F81_2345, 0xFF81_2345, 0x7F80_0001, 0xBF80_0001};

    private static final long[] F64 = {0, Long.MIN_VALUE, 0x3FF0_0000_0000_0000L, 0xBFF0_0000_0000_0000L,
        0x3FE0_0000_0000_0000L, 0xBFE0_0000_0000_0000L, 0x3FF8_0000_0000_0000L, 0x4004_0000_0000_0000L,
        0xC004_0000_0000_0000L, 0x3FDF_FFFF_FFFF_FFFFL, 0x432F_FFFF_FFFF_FFFFL, 0xC32F_FFFF_FFFF_FFFFL,
        0x4330_0000_0000_0001L, 0x7E37_E43C_8800_759CL, 1, 0x800F_FFFF_FFFF_FFFFL, 0x4010_0000_0000_0000L,
        0x4022_0000_0000_0000L, 0x7FF0_0000_0000_0000L, 0xFFF0_0000_0000_0000L, 0x7FF8_0000_0000_0000L,
        0xFFF8_0000_0000_0000L, 0x7FF8_0000_1234_5678L, 0x7FF0_0000_1234_5678L, 0xFFF0_0000_0000_0001L,
        0x7FF0_0000_0000_0001L, 0xC000_0000_0000_0001L};

    /** One export per type and op, {@code f32.sqrt} etc., on raw bits; and {@code all32}/{@code all64}, the chain. */
    private static String module() {
        StringBuilder wat = new StringBuilder("(module\n");
        for (String op : OPS) {
            wat.append("(func (export \"f32.").append(op).append("\") (param i32) (result i32)")
                    .append(" (i32.reinterpret_f32 (f32.").append(op).append(" (f32.reinterpret_i32 (local.get 0)))))\n");
            wat.append("(func (export \"f64.").append(op).append("\") (param i64) (result i64)")
                    .append(" (i64.reinterpret_f64 (f64.").append(op).append(" (f64.reinterpret_i64 (local.get 0)))))\n");
        }
        for (String type : new String[]{"32", "64"}) {
            String t = type.equals("32") ? "i32" : "i64";
            // Each op's result folded into an integer, so a NaN's payload or sign lost on the way shows.
            wat.append("(func (export \"all").append(type).append("\") (param $x ").append(t).append(") (result ")
                    .append(t).append(") (local $h ").append(t).append(")\n");
            for (String op : OPS) {
                wat.append("(local.set $h (").append(t).append(".add (").append(t).append(".mul (local.get $h) (")
                        .append(t).append(".const 31)) (").append(t).append(".reinterpret_f").append(type).append(" (f")
                        .append(type).append('.').append(op).append(" (f").append(type).append(".reinterpret_")
                        .append(t).append(" (local.get $x))))))\n");
            }
            wat.append("(local.get $h))\n");
        }
        return wat.append(")").toString();
    }

    private static final String MODULE = module();

    private static Instance instance(Tier tier) {
        return new Store(EngineConfig.DEFAULT.withTier(tier)).instantiate(Wasm.load(Wabt.wat(MODULE)),
                ImportResolver.NONE);
    }

    @Test
    void everyOpGivesTheInterpretersBits() {
        Instance interpreted = instance(Tier.INTERPRETER);
        Instance compiled = instance(Tier.COMPILED);
        for (String op : OPS) {
            for (int x : F32) {
                assertArrayEquals(interpreted.invoke("f32." + op, x), compiled.invoke("f32." + op, x),
                        "f32." + op + " " + Integer.toHexString(x));
            }
            for (long x : F64) {
                assertArrayEquals(interpreted.invoke("f64." + op, x), compiled.invoke("f64." + op, x),
                        "f64." + op + " " + Long.toHexString(x));
            }
        }
        for (int x : F32) {
            assertArrayEquals(interpreted.invoke("all32", x), compiled.invoke("all32", x), Integer.toHexString(x));
        }
        for (long x : F64) {
            assertArrayEquals(interpreted.invoke("all64", x), compiled.invoke("all64", x), Long.toHexString(x));
        }
    }

    @Test
    void theSpecsResultsForNaNAndHalves() {
        Instance compiled = instance(Tier.COMPILED);
        // An arithmetic NaN out of a NaN in: the quiet bit set, whatever the input's payload.
        long sqrt = compiled.invoke("f64.sqrt", 0x7FF0_0000_1234_5678L)[0];
        assertEquals(0x7FF8_0000_0000_0000L, sqrt & 0x7FF8_0000_0000_0000L, Long.toHexString(sqrt));
        long ceil = compiled.invoke("f64.ceil", 0x7FF0_0000_0000_0001L)[0];
        assertEquals(0x7FF8_0000_0000_0000L, ceil & 0x7FF8_0000_0000_0000L, Long.toHexString(ceil));
        // nearest ties to even; trunc of -0.5 is -0.
        assertEquals(Double.doubleToRawLongBits(2.0), compiled.invoke("f64.nearest", Double.doubleToRawLongBits(2.5))[0]);
        assertEquals(Long.MIN_VALUE, compiled.invoke("f64.trunc", Double.doubleToRawLongBits(-0.5))[0]);
        assertEquals(Float.floatToRawIntBits(-2.0f),
                (int) compiled.invoke("f32.nearest", Float.floatToRawIntBits(-2.5f))[0]);
        assertEquals(Float.floatToRawIntBits(3.0f), (int) compiled.invoke("f32.sqrt", Float.floatToRawIntBits(9f))[0]);
    }

    @Test
    void theChunkCallsRoundingUnlessSwitchedOn() throws IOException {
        WasmModule module = Wasm.load(Wabt.wat(MODULE));
        int all64 = 2 * OPS.length + 1;
        byte[] bytes = JvmCompiler.compile(new ModuleContext(module), all64, 7600, "dev/trapdoor/engine/exec/Jit$R",
                false, true).classes()[0];
        int calls = ClassFiles.countCalls(new ByteArrayInputStream(bytes), "c0", "FloatOps.rounding");
        assertEquals(RoundingOps.ENABLED ? 0 : OPS.length, calls, "FloatOps.rounding calls in c0");
        int sqrts = ClassFiles.countCalls(new ByteArrayInputStream(bytes), "c0", "Math.sqrt");
        assertEquals(RoundingOps.ENABLED ? 1 : 0, sqrts, "Math.sqrt calls in c0");
    }
}
