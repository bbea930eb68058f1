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
 * trusted to start a message, so a connection that stayed open would stay deaf.
 */
final class ContentLengthDecoder extends ByteToMessageDecoder {
    private static final Logger LOG = Logger.getLogger(ContentLengthDecoder.class.getName());

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            int end = headerEnd(in);
            if (end < 0) {
                if (in.readableBytes() > Frames.MAX_HEADERS) {
                    malformed(ctx, in, out, "no end of a header block in " + Frames.MAX_HEADERS + " bytes");
                }
                return;
            }
            String headers = in.toString(in.readerIndex(), end - in.readerIndex(), StandardCharsets.ISO_8859_1);
            int length = Frames.contentLength(headers);
            if (length < 0) {
                malformed(ctx, in, out, "no usable Content-Length header in " + StdioTransport.printable(headers));
                return;
            }
            if (in.readableBytes() < end - in.readerIndex() + length) {
                return;
            }
            in.readerIndex(end);
            out.add(in.readCharSequence(length, StandardCharsets.UTF_8).toString());
        }
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
}
