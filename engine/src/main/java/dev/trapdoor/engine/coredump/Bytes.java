package dev.trapdoor.engine.coredump;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** A growing byte buffer with the binary format's encodings (LEB128, names, little-endian floats). */
final class Bytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Bytes u8(int b) {
        out.write(b);
        return this;
    }

    Bytes u32(long v) {
        long x = v & 0xFFFF_FFFFL;
        do {
            int b = (int) (x & 0x7F);
            x >>>= 7;
            out.write(x == 0 ? b : b | 0x80);
        } while (x != 0);
        return this;
    }

    Bytes s64(long v) {
        boolean more = true;
        while (more) {
            int b = (int) (v & 0x7F);
            v >>= 7;
            more = !((v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0));
            out.write(more ? b | 0x80 : b);
        }
        return this;
    }

    Bytes fixed(long bits, int count) {
        for (int i = 0; i < count; i++) {
            out.write((int) (bits >>> (8 * i)) & 0xFF);
        }
        return this;
    }

    Bytes name(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        u32(utf8.length);
        out.write(utf8, 0, utf8.length);
        return this;
    }

    Bytes raw(byte[] b, int from, int length) {
        out.write(b, from, length);
        return this;
    }

    Bytes raw(Bytes b) {
        return raw(b.toByteArray(), 0, b.size());
    }

    /** A section: id, size, contents. */
    Bytes section(int id, Bytes contents) {
        u8(id);
        u32(contents.size());
        return raw(contents);
    }

    /** A custom section: id 0, size, name, payload. */
    Bytes custom(String name, Bytes payload) {
        return section(0, new Bytes().name(name).raw(payload));
    }

    int size() {
        return out.size();
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
