package dev.trapdoor.fuzz;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Byte-level mutations in the manner of libFuzzer's: flip bits, set interesting values (0, 0xFF, 0x80, 0x7F, LEB
 * continuation bytes), overwrite with random bytes, insert, delete, duplicate a range, splice in part of another
 * corpus entry, truncate. One to eight of them per input.
 */
final class Mutator {
    private static final byte[] INTERESTING = {0, 1, (byte) 0x7F, (byte) 0x80, (byte) 0xFF, (byte) 0xC0, 0x40, 0x0B,
            0x41, 0x10, 0x11, 0x20, 0x21, 0x28, 0x36, 0x3F};

    private Mutator() {
    }

    static byte[] mutate(byte[] input, List<byte[]> corpus, Random r) {
        byte[] b = input.clone();
        int rounds = 1 + r.nextInt(8);
        for (int k = 0; k < rounds; k++) {
            b = once(b, corpus, r);
        }
        return b;
    }

    private static byte[] once(byte[] b, List<byte[]> corpus, Random r) {
        if (b.length == 0) {
            return new byte[]{(byte) r.nextInt()};
        }
        int at = r.nextInt(b.length);
        switch (r.nextInt(9)) {
            case 0 -> b[at] ^= (byte) (1 << r.nextInt(8));
            case 1 -> b[at] = INTERESTING[r.nextInt(INTERESTING.length)];
            case 2 -> {
                int n = Math.min(b.length - at, 1 + r.nextInt(8));
                for (int i = 0; i < n; i++) {
                    b[at + i] = (byte) r.nextInt();
                }
            }
            case 3 -> {
                int n = 1 + r.nextInt(16);
                byte[] out = new byte[b.length + n];
                System.arraycopy(b, 0, out, 0, at);
                for (int i = 0; i < n; i++) {
                    out[at + i] = (byte) r.nextInt();
                }
                System.arraycopy(b, at, out, at + n, b.length - at);
                return out;
            }
            case 4 -> {
                int n = Math.min(b.length - at, 1 + r.nextInt(32));
                byte[] out = new byte[b.length - n];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(b, at + n, out, at, b.length - at - n);
                return out;
            }
            case 5 -> {
                int n = Math.min(b.length - at, 1 + r.nextInt(64));
                byte[] out = new byte[b.length + n];
                System.arraycopy(b, 0, out, 0, at + n);
                System.arraycopy(b, at, out, at + n, b.length - at);
                return out;
            }
            case 6 -> {
                byte[] other = corpus.get(r.nextInt(corpus.size()));
                if (other.length == 0) {
                    return b;
                }
                int from = r.nextInt(other.length);
                int n = Math.min(other.length - from, 1 + r.nextInt(256));
                byte[] out = Arrays.copyOf(b, Math.max(b.length, at + n));
                System.arraycopy(other, from, out, at, n);
                return out;
            }
            case 7 -> {
                return Arrays.copyOf(b, at);
            }
            default -> {
                // A plausible LEB128 made huge: where sizes and counts live.
                b[at] = (byte) (0x80 | r.nextInt(128));
                if (at + 1 < b.length) {
                    b[at + 1] = (byte) (0x80 | r.nextInt(128));
                }
            }
        }
        return b;
    }
}
