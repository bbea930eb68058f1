package dev.trapdoor.engine.text;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte array with the binary format's encodings (LEB128, names, vectors). */
final class ByteBuf {
    private byte[] bytes = new byte[64];
    private int size;

    int size() {
        return size;
    }

    byte[] toArray() {
        return Arrays.copyOf(bytes, size);
    }

    /** Drops everything after the first {@code newSize} bytes. */
    void truncate(int newSize) {
        size = newSize;
    }

    ByteBuf u8(int b) {
        if (size == bytes.length) {
            bytes = Arrays.copyOf(bytes, size * 2);
        }
        bytes[size++] = (byte) b;
        return this;
    }

    ByteBuf bytes(byte[] b) {
        return bytes(b, 0, b.length);
    }

    ByteBuf bytes(byte[] b, int from, int length) {
        if (size + length > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + length));
        }
        System.arraycopy(b, from, bytes, size, length);
        size += length;
        return this;
    }

    ByteBuf append(ByteBuf other) {
        return bytes(other.bytes, 0, other.size);
    }

    ByteBuf u32(long v) {
        return u64(v & 0xFFFF_FFFFL);
    }

    ByteBuf u64(long v) {
        do {
            int b = (int) (v & 0x7F);
            v >>>= 7;
            u8(v != 0 ? b | 0x80 : b);
        } while (v != 0);
        return this;
    }

    ByteBuf s64(long v) {
        while (true) {
            int b = (int) (v & 0x7F);
            v >>= 7;
            boolean done = (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0);
            u8(done ? b : b | 0x80);
            if (done) {
                return this;
            }
        }
    }

    ByteBuf s32(int v) {
        return s64(v);
    }

    ByteBuf f32(int bits) {
        return u8(bits).u8(bits >>> 8).u8(bits >>> 16).u8(bits >>> 24);
    }

    ByteBuf f64(long bits) {
        return f32((int) bits).f32((int) (bits >>> 32));
    }

    ByteBuf name(String s) {
        return name(s.getBytes(StandardCharsets.UTF_8));
    }

    ByteBuf name(byte[] utf8) {
        return u32(utf8.length).bytes(utf8);
    }

    /** Appends {@code other} prefixed with its length. */
    ByteBuf sized(ByteBuf other) {
        return u32(other.size).append(other);
    }
}
