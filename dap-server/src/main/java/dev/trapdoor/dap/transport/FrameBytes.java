package dev.trapdoor.dap.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;

import java.nio.charset.StandardCharsets;

/**
 * A message's frame made straight from the JSON builder into a pooled direct buffer: one pass counts the text's UTF-8
 * bytes, the {@code Content-Length} header is written, and the text is encoded once, into the buffer. The old way
 * ({@link Frames#frame}) made a {@code String} of the builder, its UTF-8 bytes, the header's {@code String} and
 * bytes, and one more array for both, then the connection's drain copied that into a direct buffer on the event
 * loop: four copies and as many arrays per message, which a fresh server's young generation paid for in page faults.
 * Nothing is kept per thread: a session thread lives for one connection, and arrays kept for it would cost each new
 * connection what they saved (a first version with per-thread scratch arrays allocated more than it saved over a
 * 10-step session; benchmarks/RESULTS.md, session 27).
 *
 * <p>The bytes are those of {@code String.getBytes(UTF_8)}. Well-formed text is encoded by Netty's UTF-8 writer; text
 * with a surrogate that is not half of a pair (which the JDK's encoder replaces by {@code ?}, and Netty's treats
 * otherwise) is framed by {@link Frames#frame} and copied.
 */
final class FrameBytes {
    private static final byte[] CONTENT_LENGTH = "Content-Length: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CRLF_CRLF = {'\r', '\n', '\r', '\n'};
    /** The longest header: {@code Content-Length: } , ten digits, CRLF CRLF. */
    static final int HEADER_ROOM = CONTENT_LENGTH.length + 10 + 4;

    private FrameBytes() {
    }

    /** The frame of {@code json} in a buffer from {@code alloc} (the caller owns it); {@code json} is not kept. */
    static ByteBuf frame(CharSequence json, ByteBufAllocator alloc) {
        long bytes = utf8Length(json);
        if (bytes < 0 || bytes > Integer.MAX_VALUE - HEADER_ROOM) {
            return copied(json, alloc);
        }
        int length = (int) bytes;
        ByteBuf out = alloc.ioBuffer(CONTENT_LENGTH.length + digits(length) + 4 + length);
        out.writeBytes(CONTENT_LENGTH);
        writeDecimal(out, length);
        out.writeBytes(CRLF_CRLF);
        if (ByteBufUtil.writeUtf8(out, json) != length) {
            // Never seen (FrameBytesTest holds the count to the encoder): the header would be wrong, so frame again.
            out.release();
            return copied(json, alloc);
        }
        return out;
    }

    private static ByteBuf copied(CharSequence json, ByteBufAllocator alloc) {
        byte[] frame = Frames.frame(json.toString());
        return alloc.ioBuffer(frame.length).writeBytes(frame);
    }

    /** The UTF-8 length of {@code s}, or -1 when it holds a surrogate that is not half of a pair. */
    static long utf8Length(CharSequence s) {
        int n = s.length();
        long bytes = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                continue;
            }
            if (c < 0x800) {
                bytes += 1;
            } else if (!Character.isSurrogate(c)) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 2; // four bytes for two chars
                i++;
            } else {
                return -1;
            }
        }
        return bytes;
    }

    private static int digits(int v) {
        int d = 1;
        while (v >= 10) {
            v /= 10;
            d++;
        }
        return d;
    }

    private static void writeDecimal(ByteBuf out, int v) {
        int d = digits(v);
        int at = out.writerIndex();
        out.writerIndex(at + d);
        for (int i = at + d - 1; i >= at; i--) {
            out.setByte(i, '0' + v % 10);
            v /= 10;
        }
    }
}
