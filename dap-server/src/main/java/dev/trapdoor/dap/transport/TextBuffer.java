package dev.trapdoor.dap.transport;

import java.io.Writer;

/**
 * An unsynchronized {@link Writer} into a {@link StringBuilder} that is kept between messages (one per thread), so
 * writing a message's JSON neither locks nor regrows a buffer; one that grew past {@link #KEEP} chars for a large
 * message is dropped rather than kept by an idle thread.
 */
final class TextBuffer extends Writer {
    static final int KEEP = 64 * 1024;

    private StringBuilder text = new StringBuilder(4096);

    void clear() {
        if (text.capacity() > KEEP) {
            text = new StringBuilder(4096);
        } else {
            text.setLength(0);
        }
    }

    /** The builder itself, for a writer that appends to one. */
    StringBuilder builder() {
        return text;
    }

    String text() {
        return text.toString();
    }

    /** Chars the buffer holds room for now. */
    int capacity() {
        return text.capacity();
    }

    @Override
    public void write(int c) {
        text.append((char) c);
    }

    @Override
    public void write(char[] chars, int off, int len) {
        text.append(chars, off, len);
    }

    @Override
    public void write(String s, int off, int len) {
        text.append(s, off, off + len);
    }

    @Override
    public Writer append(CharSequence s) {
        text.append(s);
        return this;
    }

    @Override
    public Writer append(CharSequence s, int start, int end) {
        text.append(s, start, end);
        return this;
    }

    @Override
    public Writer append(char c) {
        text.append(c);
        return this;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
