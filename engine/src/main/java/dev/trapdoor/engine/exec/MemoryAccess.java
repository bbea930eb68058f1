package dev.trapdoor.engine.exec;

import sun.misc.Unsafe;

import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;
import java.nio.ByteOrder;
import java.util.Locale;
import java.util.Objects;

/**
 * Little-endian loads and stores of linear memory for the interpreter and the compiled tier, at an index that the
 * caller has already checked against the memory's size ({@link Interpreter#ea(int, int, int, int)},
 * {@link MemoryInstance#checked}). The array is the memory's capacity, at least its size, so that check is the one
 * that matters; a {@link VarHandle} would check the index again against the array's length, a second compare and
 * branch on every access (5-15% on memory-heavy kernels). Where the platform allows unaligned little-endian access,
 * these read the array through {@code sun.misc.Unsafe} (module {@code jdk.unsupported}), whose accesses C2 compiles
 * to one plain move and no check; elsewhere they fall back to the VarHandles, and then the constant {@link #RAW}
 * folds the choice away.
 *
 * <p><b>Invariant the callers keep:</b> the index plus the width never exceeds the array's length. It holds because a
 * caller checks against the size it read with the array, after the array, and a grow stores a new, larger array
 * before the larger size ({@link MemoryInstance#growPages}); an instance runs on one thread at a time. Accesses that
 * are not checked first (hosts, WASI, the debugger) go through {@link MemoryInstance}'s own accessors instead.
 */
final class MemoryAccess {
    private MemoryAccess() {
    }

    private static final Unsafe UNSAFE = unsafe();
    /** Whether {@link #UNSAFE} is used: a little-endian platform known to allow unaligned access. */
    static final boolean RAW = UNSAFE != null;
    private static final long BASE = RAW ? UNSAFE.arrayBaseOffset(byte[].class) : 0;

    private static Unsafe unsafe() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        boolean unaligned = arch.equals("amd64") || arch.equals("x86_64") || arch.equals("aarch64");
        if (!unaligned || ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN
                || Boolean.getBoolean("trapdoor.memory.varhandles")) {
            return null;
        }
        try {
            Field f = Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            Unsafe u = (Unsafe) f.get(null);
            return u.arrayIndexScale(byte[].class) == 1 ? u : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /**
     * {@code m}, known not null. A base that may be null could be an off-heap address, and C2 fences every such
     * access off from all other memory operations (a {@code MemBarCPUOrder} on each side: 1.5x on memops in the
     * interpreter). The callers' arrays are never null, so this check folds away where C2 can see that (the
     * interpreter's {@code mem} is not null by construction) and is hoisted out of loops elsewhere.
     */
    private static byte[] heap(byte[] m) {
        return Objects.requireNonNull(m);
    }

    static byte i8(byte[] m, int i) {
        return RAW ? UNSAFE.getByte(heap(m), BASE + i) : m[i];
    }

    static short i16(byte[] m, int i) {
        return RAW ? UNSAFE.getShort(heap(m), BASE + i) : (short) MemoryInstance.SHORT.get(m, i);
    }

    static int i32(byte[] m, int i) {
        return RAW ? UNSAFE.getInt(heap(m), BASE + i) : (int) MemoryInstance.INT.get(m, i);
    }

    static long i64(byte[] m, int i) {
        return RAW ? UNSAFE.getLong(heap(m), BASE + i) : (long) MemoryInstance.LONG.get(m, i);
    }

    static void i8(byte[] m, int i, byte v) {
        if (RAW) {
            UNSAFE.putByte(heap(m), BASE + i, v);
        } else {
            m[i] = v;
        }
    }

    static void i16(byte[] m, int i, short v) {
        if (RAW) {
            UNSAFE.putShort(heap(m), BASE + i, v);
        } else {
            MemoryInstance.SHORT.set(m, i, v);
        }
    }

    static void i32(byte[] m, int i, int v) {
        if (RAW) {
            UNSAFE.putInt(heap(m), BASE + i, v);
        } else {
            MemoryInstance.INT.set(m, i, v);
        }
    }

    static void i64(byte[] m, int i, long v) {
        if (RAW) {
            UNSAFE.putLong(heap(m), BASE + i, v);
        } else {
            MemoryInstance.LONG.set(m, i, v);
        }
    }
}
