package dev.trapdoor.dap.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.nio.charset.StandardCharsets;

/**
 * A message's frame in a pooled direct buffer, made by the writing thread: the JSON builder's text is encoded once
 * by the JDK, and the {@code Content-Length} header and the body are written into the buffer in place. The old way
 * ({@link Frames#frame}) also made the header's {@code String} and bytes and one more array for header and body, and
 * the connection's drain then copied that into a direct buffer on the event loop.
 *
 * <p>The JDK's encoder rather than one straight from the builder into the buffer: a counting pass and Netty's UTF-8
 * writer (both {@code charAt} over the builder) cost more CPU than the {@code String} and the array they saved, and
 * per-thread scratch arrays cost each new session thread more than they saved over a 10-step session
 * (benchmarks/RESULTS.md, session 27). The bytes are {@code String.getBytes(UTF_8)}'s, as before.
 */
final class FrameBytes {
    private static final byte[] CONTENT_LENGTH = "Content-Length: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CRLF_CRLF = {'\r', '\n', '\r', '\n'};

    private FrameBytes() {
    }

    /** The frame of {@code json} in a buffer from {@code alloc} (the caller owns it); {@code json} is not kept. */
    static ByteBuf frame(CharSequence json, ByteBufAllocator alloc) {
        byte[] body = json.toString().getBytes(StandardCharsets.UTF_8);
        int length = body.length;
        ByteBuf out = alloc.ioBuffer(CONTENT_LENGTH.length + digits(length) + CRLF_CRLF.length + length);
        out.writeBytes(CONTENT_LENGTH);
        writeDecimal(out, length);
        out.writeBytes(CRLF_CRLF);
        out.writeBytes(body);
        return out;
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
