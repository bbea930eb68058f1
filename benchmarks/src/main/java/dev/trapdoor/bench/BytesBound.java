package dev.trapdoor.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Field;
import java.util.Objects;
import java.util.function.IntSupplier;

/**
 * What C2 makes of bytes-O2's loops ({@code benchmarks/kernels/src/bytes.c}, {@code run(2)}) written in plain Java,
 * measured as {@link KernelCpuWindows} measures a kernel: the bound for the compiled tier's code shape. Five forms:
 * <ul>
 * <li>{@code shape}: the compiled tier's own shape, by hand: one off-heap memory at clang's addresses (the buffer at
 * 1024, the CRC table at 17408, the histogram on a stack at 64 KiB), every access {@code Objects.checkIndex(address,
 * size - width + 1)} plus {@code Unsafe} at the base, clang's unrolled loops counting up to zero, each back-edge's
 * {@code br_if} tested unsigned ({@code x + MIN > MIN}, as {@code compile.BackEdgeTests} emits it);
 * <li>{@code counted}: the same, each back-edge an {@code i != 0} test, a loop C2 may make counted;
 * <li>{@code varbase}: only {@code shape}'s CRC loops, the base a local read from a field (its own checksum);
 * <li>{@code liveaddr}: {@code varbase} with each table address kept, as a {@code long}, for an exception handler;
 * <li>{@code plain}: what a Java programmer writes: {@code byte[]} and {@code int[]} with their own bounds checks,
 * {@code for (i = 0; i < n; i++)} loops.
 * </ul>
 * The checksum of each but {@code varbase} and {@code liveaddr} equals the kernel's ({@code kernels.properties}).
 *
 * <p>{@code java -cp benchmarks.jar dev.trapdoor.bench.BytesBound FORM [warmupSeconds] [windows] [callsPerWindow]}.
 */
public final class BytesBound {
    private static final sun.misc.Unsafe U = unsafe();
    private static final int SIZE = 2 * 65536;
    private static final long BASE = U.allocateMemory(SIZE);
    private static final int BUF = 1024;
    private static final int TABLE = 17408;
    private static final int HIST = 65536 - 1024;
    private static final int MIN = Integer.MIN_VALUE;
    /** The base as a field C2 cannot fold, as the compiled tier's {@code MemoryInstance.base}. */
    private static long baseField = BASE;

    /** {@code -Dbound.zext=true}: each checked index widened by a mask ({@code i2l; land 0xFFFFFFFF}), not by i2l. */
    private static final boolean ZEXT = Boolean.getBoolean("bound.zext");

    /** {@code -Dbound.maxLimit=true}: each limit as {@code Math.max(limit, 0)}, a length C2 knows is not negative. */
    private static final boolean MAX_LIMIT = Boolean.getBoolean("bound.maxLimit");

    /** {@code -Dbound.remask=true}: {@link #shape}'s CRC index masked again after the xor, a range C2 can see. */
    private static final int REMASK = Boolean.getBoolean("bound.remask") ? 255 : -1;

    private BytesBound() {
    }

    public static void main(String[] args) {
        String form = args[0];
        double warmupSeconds = args.length > 1 ? Double.parseDouble(args[1]) : 3;
        int windows = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int perWindow = args.length > 3 ? Integer.parseInt(args[3]) : 25;
        int n = Kernels.n("bytes", "bench");
        int expected = Kernels.expected("bytes", "bench");
        IntSupplier call = switch (form) {
            case "shape" -> () -> shape(n, SIZE);
            case "counted" -> () -> counted(n, SIZE);
            case "varbase" -> () -> varBase(n, SIZE, baseField);
            case "liveaddr" -> () -> liveAddress(n, SIZE, baseField);
            case "plain" -> () -> plain(n);
            default -> throw new IllegalArgumentException(form);
        };
        if (form.equals("varbase") || form.equals("liveaddr")) {
            // Only the CRC loops: its own checksum.
            expected = call.getAsInt();
        }
        CpuTiming.measure(call, expected, "bytes", warmupSeconds, 1);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] ms = new double[windows * perWindow];
        for (int i = 0; i < ms.length; i++) {
            long t0 = threads.getCurrentThreadCpuTime();
            int checksum = call.getAsInt();
            ms[i] = (threads.getCurrentThreadCpuTime() - t0) / 1e6;
            if (checksum != expected) {
                throw new IllegalStateException(form + ": checksum " + checksum + ", expected " + expected);
            }
        }
        CpuWindows w = CpuWindows.of(ms, perWindow);
        System.out.printf("bound-%s bytes O2 best %.4f median %.4f slow %d/%d windows: %s%n", form, w.best(),
                w.median(), w.slow(), w.medians().length, w.series());
    }

    private static long index(int address, int limit) {
        int i = Objects.checkIndex(address, MAX_LIMIT ? Math.max(limit, 0) : limit);
        return ZEXT ? i & 0xFFFFFFFFL : i;
    }

    private static int ld8(int address, int size) {
        return U.getByte(null, BASE + index(address, size)) & 0xFF;
    }

    private static int ld32(int address, int size) {
        return U.getInt(null, BASE + index(address, size - 3));
    }

    private static void st8(int address, int size, int v) {
        U.putByte(null, BASE + index(address, size), (byte) v);
    }

    private static void st32(int address, int size, int v) {
        U.putInt(null, BASE + index(address, size - 3), v);
    }

    private static int mix32(int h, int v) {
        for (int i = 0; i < 4; i++) {
            h = (h ^ (v & 0xFF)) * 16777619;
            v >>>= 8;
        }
        return h;
    }

    private static void table(int size) {
        for (int i = 0; i < 256; i++) {
            int c = i;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
            }
            st32(TABLE + 4 * i, size, c);
        }
    }

    /** clang's loops (bytes-O2.wat) with the compiled tier's unsigned back-edge tests. */
    static int shape(int n, int size) {
        table(size);
        int seed = 99;
        int i = -16384;
        do {
            for (int k = 0; k < 4; k++) {
                seed = seed * 1664525 + 1013904223;
                st8(i + 17408 + k, size, seed >>> 24);
            }
            i += 4;
        } while (i + MIN > MIN);
        U.setMemory(BASE + HIST, 1024, (byte) 0);
        int h = -2128831035;
        for (int pass = 0; pass < n; pass++) {
            int crc = -1;
            i = -16384;
            do {
                crc = ld32((((crc & 255) ^ ld8(i + 17408, size)) & REMASK) * 4 + TABLE, size) ^ (crc >>> 8);
                crc = ld32((((crc & 255) ^ ld8(i + 17409, size)) & REMASK) * 4 + TABLE, size) ^ (crc >>> 8);
                i += 2;
            } while (i + MIN > MIN);
            h = mix32(h, ~crc);
            i = -16384;
            do {
                for (int k = 0; k < 4; k++) {
                    int a = HIST + 4 * ld8(i + 17408 + k, size);
                    st32(a, size, ld32(a, size) + 1);
                }
                i += 4;
            } while (i + MIN > MIN);
            int lo = (pass * 131) & 8191;
            int hi = lo + 8191;
            do {
                int t = ld8(lo + BUF, size);
                st8(lo + BUF, size, ld8(hi + BUF, size));
                st8(hi + BUF, size, t);
                lo++;
                hi--;
            } while (lo < hi);
        }
        for (int k = 0; k < 256; k++) {
            h = mix32(h, ld32(HIST + 4 * k, size));
        }
        return h;
    }

    /** {@link #shape}'s CRC loop with the base in a local read from a field, as the compiled tier has it. */
    static int varBase(int n, int size, long base) {
        int h = shape(0, size);
        for (int pass = 0; pass < n; pass++) {
            int crc = -1;
            int i = -16384;
            do {
                int b = U.getByte(null, base + Objects.checkIndex(i + 17408, size)) & 0xFF;
                crc = U.getInt(null, base + Objects.checkIndex(((crc & 255) ^ b) * 4 + TABLE, size - 3)) ^ (crc >>> 8);
                b = U.getByte(null, base + Objects.checkIndex(i + 17409, size)) & 0xFF;
                crc = U.getInt(null, base + Objects.checkIndex(((crc & 255) ^ b) * 4 + TABLE, size - 3)) ^ (crc >>> 8);
                i += 2;
            } while (i + MIN > MIN);
            h ^= crc;
        }
        return h;
    }

    /** What a trap handler saw, for {@link #liveAddress}. */
    static long sink;

    /**
     * {@link #varBase} with each table address also kept, sign-extended, for a handler of the access's exception, as
     * the compiled tier keeps an operand for its trap handler.
     */
    static int liveAddress(int n, int size, long base) {
        int h = shape(0, size);
        for (int pass = 0; pass < n; pass++) {
            int crc = -1;
            int i = -16384;
            long a = 0;
            try {
                do {
                    int b = U.getByte(null, base + Objects.checkIndex(i + 17408, size)) & 0xFF;
                    int x = ((crc & 255) ^ b) * 4 + TABLE;
                    a = x;
                    crc = U.getInt(null, base + Objects.checkIndex(x, size - 3)) ^ (crc >>> 8);
                    b = U.getByte(null, base + Objects.checkIndex(i + 17409, size)) & 0xFF;
                    x = ((crc & 255) ^ b) * 4 + TABLE;
                    a = x;
                    crc = U.getInt(null, base + Objects.checkIndex(x, size - 3)) ^ (crc >>> 8);
                    i += 2;
                } while (i + MIN > MIN);
            } catch (IndexOutOfBoundsException e) {
                sink = a;
                throw e;
            }
            h ^= crc;
        }
        return h;
    }

    /** {@link #shape} with {@code != 0} back-edges. */
    static int counted(int n, int size) {
        table(size);
        int seed = 99;
        int i = -16384;
        do {
            for (int k = 0; k < 4; k++) {
                seed = seed * 1664525 + 1013904223;
                st8(i + 17408 + k, size, seed >>> 24);
            }
            i += 4;
        } while (i != 0);
        U.setMemory(BASE + HIST, 1024, (byte) 0);
        int h = -2128831035;
        for (int pass = 0; pass < n; pass++) {
            int crc = -1;
            i = -16384;
            do {
                crc = ld32(((crc & 255) ^ ld8(i + 17408, size)) * 4 + TABLE, size) ^ (crc >>> 8);
                crc = ld32(((crc & 255) ^ ld8(i + 17409, size)) * 4 + TABLE, size) ^ (crc >>> 8);
                i += 2;
            } while (i != 0);
            h = mix32(h, ~crc);
            i = -16384;
            do {
                for (int k = 0; k < 4; k++) {
                    int a = HIST + 4 * ld8(i + 17408 + k, size);
                    st32(a, size, ld32(a, size) + 1);
                }
                i += 4;
            } while (i != 0);
            int lo = (pass * 131) & 8191;
            int hi = lo + 8191;
            do {
                int t = ld8(lo + BUF, size);
                st8(lo + BUF, size, ld8(hi + BUF, size));
                st8(hi + BUF, size, t);
                lo++;
                hi--;
            } while (lo < hi);
        }
        for (int k = 0; k < 256; k++) {
            h = mix32(h, ld32(HIST + 4 * k, size));
        }
        return h;
    }

    private static final byte[] PBUF = new byte[16384];
    private static final int[] PTABLE = new int[256];

    /** bytes.c as a Java programmer would write it. */
    static int plain(int n) {
        for (int i = 0; i < 256; i++) {
            int c = i;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
            }
            PTABLE[i] = c;
        }
        byte[] buf = PBUF;
        int[] table = PTABLE;
        int seed = 99;
        for (int i = 0; i < buf.length; i++) {
            seed = seed * 1664525 + 1013904223;
            buf[i] = (byte) (seed >>> 24);
        }
        int[] histogram = new int[256];
        int h = -2128831035;
        for (int pass = 0; pass < n; pass++) {
            int crc = -1;
            for (int i = 0; i < buf.length; i++) {
                crc = table[(crc ^ buf[i]) & 0xFF] ^ (crc >>> 8);
            }
            h = mix32(h, ~crc);
            for (int i = 0; i < buf.length; i++) {
                histogram[buf[i] & 0xFF]++;
            }
            int lo = (pass * 131) % 8192;
            int hi = lo + 8191;
            while (lo < hi) {
                byte t = buf[lo];
                buf[lo++] = buf[hi];
                buf[hi--] = t;
            }
        }
        for (int i = 0; i < 256; i++) {
            h = mix32(h, histogram[i]);
        }
        return h;
    }

    private static sun.misc.Unsafe unsafe() {
        try {
            Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            return (sun.misc.Unsafe) f.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
