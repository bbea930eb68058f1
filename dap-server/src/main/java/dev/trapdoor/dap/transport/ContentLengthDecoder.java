package dev.trapdoor.dap.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Logger;

/**
 * Netty decoder for DAP's base protocol: emits each message's JSON body as a String. Broken framing (see
 * {@link Frames#contentLength}) closes the connection: there is no request to answer, and nothing after it can be
 * trusted to start a message, so a connection that stayed open would stay deaf. A body over the maximum size is
 * passed on as {@link Oversized} (its start only) and the rest skipped as it arrives: the length is known, so the
 * stream stays in step and is never buffered whole.
 */
final class ContentLengthDecoder extends ByteToMessageDecoder {
    private static final Logger LOG = Logger.getLogger(ContentLengthDecoder.class.getName());

    private final int maxBody;
    /**
     * Whether the header block is read where it lies in the buffer ({@link HeaderView}) rather than copied into a
     * {@code String} first; on with {@code -Dtrapdoor.dap.directFrames=true}.
     */
    private final boolean direct;
    private final HeaderView view = new HeaderView();
    /** Bytes of an oversized body still to drop. */
    private long skipping;

    ContentLengthDecoder(int maxBody) {
        this(maxBody, ChannelSink.directFrames);
    }

    ContentLengthDecoder(int maxBody, boolean direct) {
        this.maxBody = maxBody;
        this.direct = direct;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            if (skipping > 0) {
                int n = (int) Math.min(skipping, in.readableBytes());
                in.skipBytes(n);
                skipping -= n;
                continue;
            }
            int end = headerEnd(in);
            if (end < 0) {
                if (in.readableBytes() > Frames.MAX_HEADERS) {
                    malformed(ctx, in, out, "no end of a header block in " + Frames.MAX_HEADERS + " bytes");
                }
                return;
            }
            long length;
            if (direct) {
                length = Frames.contentLength(view.of(in, in.readerIndex(), end));
                view.clear();
            } else {
                length = Frames.contentLength(in.toString(in.readerIndex(), end - in.readerIndex(),
                        StandardCharsets.ISO_8859_1));
            }
            if (length < 0) {
                String headers = in.toString(in.readerIndex(), end - in.readerIndex(), StandardCharsets.ISO_8859_1);
                malformed(ctx, in, out, "no usable Content-Length header in " + StdioTransport.printable(headers));
                return;
            }
            int available = in.readableBytes() - (end - in.readerIndex());
            if (length > maxBody) {
                int prefix = (int) Math.min(length, Frames.OVERSIZE_PREFIX);
                if (available < prefix) {
                    return;
                }
                in.readerIndex(end);
                out.add(new Oversized(in.toString(in.readerIndex(), prefix, StandardCharsets.UTF_8), length));
                LOG.warning("skipping a message of " + length + " bytes from " + ctx.channel().remoteAddress()
                        + " (over the maximum of " + maxBody + ")");
                skipping = length;
                continue;
            }
            if (available < length) {
                return;
            }
            in.readerIndex(end);
            out.add(in.readCharSequence((int) length, StandardCharsets.UTF_8).toString());
        }
    }

    /** What has arrived of a message not yet complete, or null when the connection is between messages. */
    String partial() {
        ByteBuf buffered = internalBuffer();
        if (skipping > 0) {
            return "";
        }
        return buffered.isReadable() ? buffered.toString(StandardCharsets.UTF_8) : null;
    }

    /** Drops the rest; the handler closes the connection once the messages before this one are answered. */
    private static void malformed(ChannelHandlerContext ctx, ByteBuf in, List<Object> out, String reason) {
        LOG.warning("closing the connection from " + ctx.channel().remoteAddress() + ": " + reason);
        in.skipBytes(in.readableBytes());
        out.add(new BrokenFraming(reason));
    }

    /** What the decoder passes on instead of a message when the framing broke. */
    record BrokenFraming(String reason) {
    }

    /** A message over the maximum size: the start of its body, and its length. */
    record Oversized(String prefix, long length) {
    }

    /** Index just past the blank line ending the header block, or -1. */
    private static int headerEnd(ByteBuf in) {
        int b2 = -1;
        int b1 = -1;
        for (int i = in.readerIndex(); i < in.writerIndex(); i++) {
            int b = in.getByte(i) & 0xFF;
            if (Frames.endsHeaders(b2, b1, b)) {
                return i + 1;
            }
            b2 = b1;
            b1 = b;
        }
        return -1;
    }

    /** A header block as ISO-8859-1 text, read in place: a byte is a char. Kept by the decoder, cleared after use. */
    private static final class HeaderView implements CharSequence {
        private ByteBuf buf;
        private int from;
        private int length;

        HeaderView of(ByteBuf buf, int from, int to) {
            this.buf = buf;
            this.from = from;
            this.length = to - from;
            return this;
        }

        void clear() {
            buf = null;
        }

        @Override
        public int length() {
            return length;
        }

        @Override
        public char charAt(int index) {
            return (char) (buf.getByte(from + index) & 0xFF);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return buf.toString(from + start, end - start, StandardCharsets.ISO_8859_1);
        }

        @Override
        public String toString() {
            return buf.toString(from, length, StandardCharsets.ISO_8859_1);
        }
    }
}
