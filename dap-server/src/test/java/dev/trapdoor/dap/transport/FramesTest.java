package dev.trapdoor.dap.transport;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class FramesTest {
    @Test
    void framesAreReadBackAndBadHeadersAreSkipped() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Frames.frame("{\"a\":\"é\"}"));
        out.write("Content-Type: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII)); // no length: skipped
        out.write(Frames.frame("{}"));
        ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());
        assertEquals("{\"a\":\"é\"}", StdioTransport.next(in));
        assertEquals("{}", StdioTransport.next(in));
        assertNull(StdioTransport.next(in));
        assertEquals(-1, Frames.contentLength("Content-Length: 999999999999"));
        assertEquals(12, Frames.contentLength("content-length:12\r\nX: y"));
    }
}
