package dev.trapdoor.dap.transport;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FramesTest {
    @Test
    void framesAreReadBack() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Frames.frame("{\"a\":\"é\"}"));
        out.write("Content-Type: x\r\nContent-Length: 2\r\n\r\n{}".getBytes(StandardCharsets.US_ASCII));
        out.write("Content-Length: 3\n\n[1]".getBytes(StandardCharsets.US_ASCII)); // LF-only lines: accepted
        ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());
        assertEquals("{\"a\":\"é\"}", StdioTransport.next(in));
        assertEquals("{}", StdioTransport.next(in));
        assertEquals("[1]", StdioTransport.next(in));
        assertNull(StdioTransport.next(in));
    }

    @Test
    void contentLengthMustBeAPlainNumberInRange() {
        assertEquals(12, Frames.contentLength("content-length:12\r\nX: y\r\n\r\n"));
        assertEquals(0, Frames.contentLength("Content-Length: 0\r\n\r\n"));
        // Too large for the server, but a number: the transport skips that body and stays in step.
        assertEquals(2147483648L, Frames.contentLength("Content-Length: 2147483648\r\n\r\n"));
        for (String bad : new String[]{"Content-Type: x\r\n\r\n", "Content-Length: abc\r\n\r\n",
                "Content-Length: -5\r\n\r\n", "Content-Length: +5\r\n\r\n", "Content-Length: 999999999999\r\n\r\n",
                "Content-Length:\r\n\r\n", "}\"garbage Content-Length: 5\r\n\r\n", "\u0000\u00ff\u0001\n\n"}) {
            assertEquals(-1, Frames.contentLength(bad), bad);
        }
    }

    @Test
    void brokenFramingEndsTheStreamInsteadOfSkippingIntoTheBody() {
        for (String bad : new String[]{"Content-Length: abc\r\n\r\n{\"seq\":1}", "Content-Length: -1\r\n\r\n{}",
                "Content-Type: json\r\n\r\n{\"seq\":1}", "\u0001\u0002garbage\n\n"}) {
            assertThrows(Frames.MalformedFrameException.class, () -> StdioTransport.next(stream(bad)), bad);
        }
        byte[] garbage = new byte[Frames.MAX_HEADERS + 10];
        java.util.Arrays.fill(garbage, (byte) 0xAB);
        assertThrows(Frames.MalformedFrameException.class,
                () -> StdioTransport.next(new ByteArrayInputStream(garbage)), "no header end at all");
    }

    @Test
    void aLongBodyLeavesItsTailToBreakTheNextHeader() throws IOException {
        ByteArrayInputStream in = stream("Content-Length: 2\r\n\r\n{}}\r\nContent-Length: 2\r\n\r\n{}");
        assertEquals("{}", StdioTransport.next(in));
        assertThrows(Frames.MalformedFrameException.class, () -> StdioTransport.next(in));
    }

    @Test
    void aShortBodyAtTheEndOfInputIsTheEnd() throws IOException {
        assertNull(StdioTransport.next(stream("Content-Length: 20\r\n\r\n{}")));
    }

    private static ByteArrayInputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void anOversizedBodyIsSkippedAndTheNextMessageRead() throws IOException {
        String big = "{\"seq\":7,\"type\":\"request\",\"command\":\"evaluate\",\"x\":\"" + "a".repeat(5000) + "\"}";
        ByteArrayInputStream in = stream("Content-Length: " + big.length() + "\r\n\r\n" + big
                + "Content-Length: 2\r\n\r\n{}");
        Frames.OversizedMessageException e = assertThrows(Frames.OversizedMessageException.class,
                () -> StdioTransport.next(in, 1024));
        assertEquals(big.length(), e.length());
        assertTrue(e.prefix().startsWith("{\"seq\":7,"));
        assertEquals("{}", StdioTransport.next(in, 1024));
    }
}
