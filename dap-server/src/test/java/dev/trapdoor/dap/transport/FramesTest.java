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

    /**
     * The index-based reading answers what the first definition (split into lines, trim, stream the characters)
     * answered, on every block built from awkward lines: kept here as the reference.
     */
    @Test
    void contentLengthAnswersWhatTheSplittingDefinitionAnswered() {
        String[] lines = {"Content-Length: 12", "content-length:7", "CONTENT-LENGTH:\t 0042 \t", "Content-Length: ",
                "Content-Length: 1 2", "Content-Length: 12345678901", "Content-Length: 1234567890", "Content-Type: x",
                "X_Y-9: anything: at all", "Content-Length", ": 5", "Content Length: 5", "Content-Lengths: 5",
                "Content-Length: ５", "\u0000\u00ff", "", "\r", "a:b\rc", "Content-Length: 3\r"};
        String[] ends = {"\r\n", "\n", "\r\r\n"};
        int checked = 0;
        for (String a : lines) {
            for (String b : lines) {
                for (String end : ends) {
                    for (String block : new String[]{a + end + "\r\n", a + end + b + end + end, a + end + b,
                            end + a + end + end}) {
                        assertEquals(splitting(block), Frames.contentLength(block), block);
                        // Any CharSequence, as the TCP decoder reads a block in place.
                        assertEquals(splitting(block), Frames.contentLength(new StringBuilder(block)), block);
                        checked++;
                    }
                }
            }
        }
        assertEquals(lines.length * lines.length * ends.length * 4, checked);
    }

    private static long splitting(String headers) {
        long length = -1;
        for (String line : headers.split("\n")) {
            line = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || !line.substring(0, colon).chars().allMatch(c -> c == '-' || c == '_'
                    || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
                return -1;
            }
            if (line.substring(0, colon).equalsIgnoreCase("Content-Length")) {
                String value = line.substring(colon + 1).trim();
                if (value.isEmpty() || value.length() > 10 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    return -1;
                }
                length = Long.parseLong(value);
            }
        }
        return length;
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
