package dev.trapdoor.dap.transport;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The TCP decoder reading each header block in place (the default) and copied into a {@code String} first
 * ({@code -Dtrapdoor.dap.directFrames=false}) passes on the same messages, whole or in pieces, and breaks off at the
 * same malformed block with the same reason.
 */
class ContentLengthDecoderTest {
    private static final String[] BODIES = {"{}", "{\"a\":\"é€😀\\u2028\"}", "x".repeat(3000), "{\"seq\":1}"};
    private static final String[] HEADERS = {"Content-Length: %d\r\n\r\n", "content-length:%d\n\n",
            "Content-Type: x\r\nCONTENT-LENGTH:\t 000%d \t\r\n\r\n", "X_Y-9: a: b\r\nContent-Length: %d\r\n\r\n"};

    private static byte[] stream(String tail) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < 16; i++) {
            byte[] body = BODIES[i % BODIES.length].getBytes(StandardCharsets.UTF_8);
            out.writeBytes(HEADERS[(i / BODIES.length) % HEADERS.length].formatted(body.length)
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(body);
        }
        out.writeBytes(tail.getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    private static List<Object> decode(byte[] bytes, int piece, boolean direct) {
        EmbeddedChannel ch = new EmbeddedChannel(new ContentLengthDecoder(1 << 20, direct));
        for (int at = 0; at < bytes.length; at += piece) {
            ch.writeInbound(Unpooled.wrappedBuffer(bytes, at, Math.min(piece, bytes.length - at)));
        }
        List<Object> out = new ArrayList<>();
        for (Object m; (m = ch.readInbound()) != null; ) {
            out.add(m);
        }
        ch.finishAndReleaseAll();
        return out;
    }

    @Test
    void bothWaysPassOnTheSameMessagesAndBreakOffAlike() {
        for (String tail : new String[] {"", "Content-Length: 5\r\n", "Content Length: 5\r\n\r\n{}",
                "Content-Length: 12345678901\r\n\r\n", "\u00ff\u0000garbage\n\n"}) {
            byte[] bytes = stream(tail);
            for (int piece : new int[] {1, 7, 100, bytes.length}) {
                List<Object> direct = decode(bytes, piece, true);
                List<Object> copied = decode(bytes, piece, false);
                assertEquals(copied, direct, tail + " in pieces of " + piece);
                assertTrue(direct.size() >= 16, direct.toString());
                for (int i = 0; i < 16; i++) {
                    assertEquals(BODIES[i % BODIES.length], direct.get(i));
                }
                if (tail.contains("Length: 12") || tail.contains("garbage") || tail.contains("Content Length")) {
                    assertTrue(direct.get(16) instanceof ContentLengthDecoder.BrokenFraming, direct.toString());
                }
            }
        }
    }
}
