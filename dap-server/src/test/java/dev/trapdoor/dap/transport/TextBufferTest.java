package dev.trapdoor.dap.transport;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextBufferTest {
    @Test
    void eachMessageStartsEmptyAndABufferGrownPastTheLimitIsNotKept() throws Exception {
        TextBuffer b = new TextBuffer();
        b.write("{\"a\":1}");
        b.append('x').append("yz", 1, 2).write(new char[] {'!', '?'}, 1, 1);
        assertEquals("{\"a\":1}xz?", b.text());
        b.clear();
        b.write("x".repeat(TextBuffer.KEEP + 1));
        assertEquals(TextBuffer.KEEP + 1, b.text().length());
        b.clear();
        assertTrue(b.capacity() <= TextBuffer.KEEP, "dropped: " + b.capacity());
        b.write('é');
        assertEquals("é", b.text());
        int kept = b.capacity();
        b.clear();
        assertEquals(kept, b.capacity(), "a small buffer is kept for the next message");
    }
}
