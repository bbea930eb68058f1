package dev.trapdoor.engine.binary;

import dev.trapdoor.engine.error.MalformedModuleException;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads the binary format's primitives from a module's bytes within a limit, enforcing every malformed-encoding
 * rule of LEB128 (too long, unused bits set) and UTF-8. Positions are module offsets. Errors are
 * {@link MalformedModuleException}s with the spec's phrases.
 */
public final class ByteReader {
    private final byte[] bytes;
    private int pos;
    private int limit;

    public ByteReader(byte[] bytes, int pos, int limit) {
        this.bytes = bytes;
        this.pos = pos;
        this.limit = limit;
    }

    public ByteReader(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    public byte[] bytes() {
        return bytes;
    }

    /** Current module offset. */
    public int pos() {
        return pos;
    }

    public void pos(int pos) {
        this.pos = pos;
    }

    public int limit() {
        return limit;
    }

    /** Narrows (or restores) the end of readable input; reads beyond it are "unexpected end". */
    public void limit(int limit) {
        this.limit = limit;
    }

    public boolean atEnd() {
        return pos >= limit;
    }

    public int remaining() {
        return limit - pos;
    }

    public MalformedModuleException malformed(String reason) {
        return new MalformedModuleException(pos, reason);
    }

    public int u8() {
        if (pos >= limit) {
            throw new MalformedModuleException(pos, "unexpected end");
        }
        return bytes[pos++] & 0xFF;
    }

    public int peekU8() {
        if (pos >= limit) {
            throw new MalformedModuleException(pos, "unexpected end");
        }
        return bytes[pos] & 0xFF;
    }

    /** Reads {@code n} raw bytes and returns the module offset where they start. */
    public int skip(int n) {
        if (n < 0 || n > limit - pos) {
            throw new MalformedModuleException(pos, "unexpected end");
        }
        int start = pos;
        pos += n;
        return start;
    }

    public int u32() {
        return (int) unsigned(32);
    }

    /** An unsigned 32-bit LEB128 value as a non-negative long. */
    public long u32Long() {
        return unsigned(32);
    }

    /**
     * An unsigned 64-bit LEB128 value (3.0's limits and memarg offsets); one of 2^63 or more, which only a
     * validator rejects, comes back as {@link Long#MAX_VALUE}, out of every range.
     */
    public long u64() {
        long v = unsigned(64);
        return v < 0 ? Long.MAX_VALUE : v;
    }

    public int s32() {
        return (int) signed(32);
    }

    /** A signed 33-bit LEB128 value (block types). */
    public long s33() {
        return signed(33);
    }

    public long s64() {
        return signed(64);
    }

    public int f32Bits() {
        int start = skip(4);
        return (bytes[start] & 0xFF) | (bytes[start + 1] & 0xFF) << 8 | (bytes[start + 2] & 0xFF) << 16
                | (bytes[start + 3] & 0xFF) << 24;
    }

    public long f64Bits() {
        long lo = f32Bits() & 0xFFFF_FFFFL;
        long hi = f32Bits() & 0xFFFF_FFFFL;
        return lo | hi << 32;
    }

    private long unsigned(int bits) {
        long result = 0;
        int shift = 0;
        int maxBytes = (bits + 6) / 7;
        for (int i = 0; ; i++) {
            int b = u8();
            if (i == maxBytes - 1) {
                int usedBits = bits - shift;
                if ((b & 0x80) != 0) {
                    throw new MalformedModuleException(pos - 1, "integer representation too long");
                }
                if ((b >>> usedBits) != 0) {
                    throw new MalformedModuleException(pos - 1, "integer too large");
                }
                return result | ((long) b << shift);
            }
            result |= (long) (b & 0x7F) << shift;
            shift += 7;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
    }

    private long signed(int bits) {
        long result = 0;
        int shift = 0;
        int maxBytes = (bits + 6) / 7;
        for (int i = 0; ; i++) {
            int b = u8();
            if (i == maxBytes - 1) {
                if ((b & 0x80) != 0) {
                    throw new MalformedModuleException(pos - 1, "integer representation too long");
                }
                int usedBits = bits - shift;
                // The unused high bits must all equal the sign bit (bit usedBits-1 of this byte).
                int signAndUnused = b >> (usedBits - 1);
                if (usedBits < 7 && signAndUnused != 0 && signAndUnused != (0x7F >> (usedBits - 1))) {
                    throw new MalformedModuleException(pos - 1, "integer too large");
                }
                result |= (long) (b & 0x7F) << shift;
                shift += 7;
                break;
            }
            result |= (long) (b & 0x7F) << shift;
            shift += 7;
            if ((b & 0x80) == 0) {
                break;
            }
        }
        if (shift < 64) {
            int unused = 64 - shift;
            result = (result << unused) >> unused;
        }
        if (bits < 64 && shift >= bits) {
            int unused = 64 - bits;
            result = (result << unused) >> unused;
        }
        return result;
    }

    /** A length-prefixed UTF-8 name. Invalid encodings are "malformed UTF-8 encoding". */
    public String name() {
        int len = u32();
        int start = pos;
        if (len < 0 || len > limit - pos) {
            throw new MalformedModuleException(pos, "unexpected end");
        }
        pos += len;
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, start, len));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new MalformedModuleException(start, "malformed UTF-8 encoding");
        }
    }
}
