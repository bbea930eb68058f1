package dev.trapdoor.engine.binary;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds binary-format byte sequences by hand for tests. */
public final class Bin {
    public static final byte[] HEADER = bytes(0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00);

    private Bin() {
    }

    public static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    public static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** A module: the header, then the given sections. */
    public static byte[] module(byte[]... sections) {
        return cat(HEADER, cat(sections));
    }

    /** A section: id, size, contents. */
    public static byte[] section(int id, byte[]... contents) {
        byte[] body = cat(contents);
        return cat(bytes(id), u32(body.length), body);
    }

    /** A vector: count, then the items. */
    public static byte[] vec(byte[]... items) {
        return cat(u32(items.length), cat(items));
    }

    public static byte[] u32(long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        do {
            int b = (int) (value & 0x7F);
            value >>>= 7;
            out.write(value != 0 ? b | 0x80 : b);
        } while (value != 0);
        return out.toByteArray();
    }

    public static byte[] s64(long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            int b = (int) (value & 0x7F);
            value >>= 7;
            boolean done = (value == 0 && (b & 0x40) == 0) || (value == -1 && (b & 0x40) != 0);
            out.write(done ? b : b | 0x80);
            if (done) {
                return out.toByteArray();
            }
        }
    }

    public static byte[] name(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        return cat(u32(utf8.length), utf8);
    }

    /** {@code i32.const v; end}: the usual offset expression. */
    public static byte[] i32Const(int v) {
        return cat(bytes(0x41), s64(v), bytes(0x0B));
    }

    /** The type section {@code [() -> ()]} and a function section with {@code n} functions of that type. */
    public static byte[][] voidFunctions(int n) {
        byte[][] indices = new byte[n][];
        for (int i = 0; i < n; i++) {
            indices[i] = bytes(0);
        }
        return new byte[][] {section(1, vec(bytes(0x60, 0, 0))), section(3, vec(indices))};
    }

    /** A code section whose bodies are {@code end} only. */
    public static byte[] emptyBodies(int n) {
        byte[][] bodies = new byte[n][];
        for (int i = 0; i < n; i++) {
            bodies[i] = bytes(2, 0, 0x0B);
        }
        return section(10, vec(bodies));
    }
}
