package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.text.Wat;
import dev.trapdoor.engine.trap.Trap;
import dev.trapdoor.engine.trap.TrapKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The unchecked accessors agree byte for byte with the little-endian VarHandles (the spec's byte order) at every
 * alignment, up to the array's last byte; and since they do not check, every address that reaches them on either tier
 * has been checked, the static offsets of 2^31 and above included.
 */
class MemoryAccessTest {
    private static final String FAR = "(module (memory 1)"
            + " (func (export \"load\") (param i32) (result i32) (i32.load offset=4294967295 (local.get 0)))"
            + " (func (export \"load8\") (param i32) (result i32) (i32.load8_u offset=2147483648 (local.get 0)))"
            + " (func (export \"store\") (param i32) (i32.store offset=4294967292 (local.get 0) (i32.const -1)))"
            + " (func (export \"store8\") (param i32) (i32.store8 offset=2147483647 (local.get 0) (i32.const -1))))";

    @ParameterizedTest
    @EnumSource(value = Tier.class, names = {"INTERPRETER", "COMPILED"})
    void offsetsPastTwoGibibytesTrapAndTouchNothing(Tier tier) {
        Instance inst = new Store(EngineConfig.DEFAULT.withTier(tier))
                .instantiate(Wasm.load(Wat.compile("far.wat", FAR).binary()), ImportResolver.NONE);
        byte[] before = inst.memory().bytes.clone();
        for (String f : new String[] {"load", "load8", "store", "store8"}) {
            for (long address : new long[] {0, 1, 4, 0xFFFF_FFFFL}) {
                Trap t = assertThrows(Trap.class, () -> inst.invoke(f, address), f + " at " + address);
                assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS, t.kind(), f + " at " + address);
            }
        }
        assertTrue(Arrays.equals(before, inst.memory().bytes), "a faulting store wrote something");
    }
    private static byte[] pattern(int length) {
        byte[] m = new byte[length];
        for (int i = 0; i < length; i++) {
            m[i] = (byte) (i * 37 + 11);
        }
        return m;
    }

    @Test
    void loadsReadLittleEndianAtEveryAlignment() {
        byte[] m = pattern(40);
        for (int i = 0; i + 8 <= m.length; i++) {
            assertEquals(m[i], MemoryAccess.i8(m, i));
            assertEquals((short) MemoryInstance.SHORT.get(m, i), MemoryAccess.i16(m, i), "i16 at " + i);
            assertEquals((int) MemoryInstance.INT.get(m, i), MemoryAccess.i32(m, i), "i32 at " + i);
            assertEquals((long) MemoryInstance.LONG.get(m, i), MemoryAccess.i64(m, i), "i64 at " + i);
        }
        assertEquals(0x0807060504030201L, MemoryAccess.i64(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, 0));
    }

    @Test
    void storesWriteOnlyTheirBytes() {
        for (int width : new int[] {1, 2, 4, 8}) {
            for (int i = 0; i + width <= 24; i++) {
                byte[] m = pattern(24);
                byte[] expected = m.clone();
                long v = 0xF1E2D3C4B5A69788L;
                switch (width) {
                    case 1 -> MemoryAccess.i8(m, i, (byte) v);
                    case 2 -> MemoryAccess.i16(m, i, (short) v);
                    case 4 -> MemoryAccess.i32(m, i, (int) v);
                    default -> MemoryAccess.i64(m, i, v);
                }
                for (int b = 0; b < width; b++) {
                    expected[i + b] = (byte) (v >>> (8 * b));
                }
                assertEquals(Arrays.toString(expected), Arrays.toString(m),
                        width + " bytes at " + i);
            }
        }
    }

    @Test
    void theUncheckedPathIsTheOneUsedOnCommonPlatforms() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        if ((arch.equals("amd64") || arch.equals("aarch64")) && !Boolean.getBoolean("trapdoor.memory.varhandles")) {
            assertTrue(MemoryAccess.RAW, "sun.misc.Unsafe should be reachable on " + arch);
        }
    }
}
