package dev.trapdoor.engine.compile;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.exec.EngineConfig;
import dev.trapdoor.engine.exec.ImportResolver;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.exec.Store;
import dev.trapdoor.engine.exec.Tier;
import dev.trapdoor.engine.testing.Wabt;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * The compiled tier's inline {@code i8x16.shuffle} and wide {@code extract_lane} ({@link SimdShuffles}) compute what
 * the interpreter computes, for the masks of the runs they take apart (consecutive bytes within and across halves,
 * one byte repeated, both operands, the kernel's horizontal sums) and random ones.
 */
class SimdShufflesTest {
    private static final String[] MASKS = {
            "0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15",
            "16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31",
            "8 9 10 11 12 13 14 15 0 0 0 0 0 0 0 0",
            "4 5 6 7 0 0 0 0 0 0 0 0 0 0 0 0",
            "7 7 7 7 7 7 7 7 15 15 15 15 15 15 15 15",
            "6 7 8 9 10 11 12 13 22 23 24 25 26 27 28 29",
            "31 30 29 28 27 26 25 24 23 22 21 20 19 18 17 16",
            "1 2 3 4 5 6 7 16 9 9 9 31 31 0 1 2",
            "3 3 17 18 19 19 19 19 5 6 7 8 8 8 30 31",
    };

    private static String module(String[] masks) {
        StringBuilder m = new StringBuilder("(module\n");
        for (int i = 0; i < masks.length; i++) {
            m.append("(func (export \"s").append(i).append("\") (param v128 v128) (result v128)")
                    .append(" (i8x16.shuffle ").append(masks[i]).append(" (local.get 0) (local.get 1)))\n");
        }
        String[] extracts = {"i32x4 0", "i32x4 1", "i32x4 2", "i32x4 3", "f32x4 1", "f32x4 2", "i64x2 1",
                "f64x2 0", "i8x16_s 9", "i16x8_u 5"};
        for (int i = 0; i < extracts.length; i++) {
            String[] shape = extracts[i].split(" ");
            String result = shape[0].startsWith("i64") ? "i64" : shape[0].startsWith("f64") ? "f64"
                    : shape[0].startsWith("f32") ? "f32" : "i32";
            m.append("(func (export \"x").append(i).append("\") (param v128) (result ").append(result)
                    .append(") (").append(shape[0].replace("_", ".extract_lane_").replaceFirst("^([a-z0-9]+)$",
                            "$1.extract_lane")).append(' ').append(shape[1]).append(" (local.get 0)))\n");
        }
        return m.append(')').toString();
    }

    @Test
    void inlineShufflesAndLaneReadsMatchTheInterpreter() {
        Random random = new Random(20);
        String[] masks = java.util.Arrays.copyOf(MASKS, MASKS.length + 12);
        for (int i = MASKS.length; i < masks.length; i++) {
            StringBuilder mask = new StringBuilder();
            for (int b = 0; b < 16; b++) {
                // Half the random masks favour runs (a byte after its predecessor, or the same byte again).
                int prev = b == 0 ? 0 : Integer.parseInt(mask.substring(mask.lastIndexOf(" ") + 1).trim());
                int next = i % 2 == 0 ? random.nextInt(32) : random.nextInt(3) == 0 ? prev : (prev + 1) % 32;
                mask.append(b == 0 ? "" : " ").append(b == 0 ? random.nextInt(32) : next);
            }
            masks[i] = mask.toString();
        }
        byte[] wasm = Wabt.wat(module(masks));
        Instance interpreter = new Store(EngineConfig.DEFAULT).instantiate(Wasm.load(wasm), ImportResolver.NONE);
        EngineConfig[] configs = {EngineConfig.DEFAULT.withTier(Tier.COMPILED),
                EngineConfig.DEFAULT.withTier(Tier.COMPILED).withChunkBudget(64)};
        for (EngineConfig config : configs) {
            Instance compiled = new Store(config).instantiate(Wasm.load(wasm), ImportResolver.NONE);
            for (int call = 0; call < 20; call++) {
                long[] v = {random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong()};
                for (int i = 0; i < masks.length; i++) {
                    assertArrayEquals(interpreter.invoke("s" + i, v[0], v[1], v[2], v[3]),
                            compiled.invoke("s" + i, v[0], v[1], v[2], v[3]), masks[i]);
                }
                for (int i = 0; i < 10; i++) {
                    assertArrayEquals(interpreter.invoke("x" + i, v[0], v[1]), compiled.invoke("x" + i, v[0], v[1]),
                            "x" + i);
                }
            }
        }
    }
}
