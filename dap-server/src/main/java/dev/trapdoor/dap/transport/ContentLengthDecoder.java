package dev.trapdoor.dap.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Logger;

/** Netty decoder for DAP's base protocol: emits each message's JSON body as a String. */
final class ContentLengthDecoder extends ByteToMessageDecoder {
    private static final Logger LOG = Logger.getLogger(ContentLengthDecoder.class.getName());
    private static final int MAX_HEADERS = 64 * 1024;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        for (;;) {
            int end = headerEnd(in);
            if (end < 0) {
                if (in.readableBytes() > MAX_HEADERS) {
                    in.skipBytes(in.readableBytes()); // garbage without a header end: drop it
                }
                return;
            }
            String headers = in.toString(in.readerIndex(), end - in.readerIndex(), StandardCharsets.US_ASCII);
            int length = Frames.contentLength(headers);
            if (length < 0) {
                LOG.warning("skipping a message without a usable Content-Length header: " + headers.trim());
                in.readerIndex(end + 4);
                continue;
            }
            if (in.readableBytes() < end + 4 - in.readerIndex() + length) {
                return;
            }
            in.readerIndex(end + 4);
            out.add(in.readCharSequence(length, StandardCharsets.UTF_8).toString());
        }
    }

    /** Index of the {@code \r\n\r\n} ending the header block, or -1. */
    private static int headerEnd(ByteBuf in) {
        for (int i = in.readerIndex(); i + 3 < in.writerIndex(); i++) {
            if (in.getByte(i) == '\r' && in.getByte(i + 1) == '\n' && in.getByte(i + 2) == '\r'
                    && in.getByte(i + 3) == '\n') {
                return i;
            }
        }
        return -1;
    }
}
