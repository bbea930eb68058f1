package dev.trapdoor.dap.transport;

import java.nio.charset.StandardCharsets;

/** DAP's base protocol framing: {@code Content-Length: N\r\n\r\n} and N bytes of UTF-8 JSON. */
public final class Frames {
    /** How much of an oversized body is read to find its {@code seq} and {@code command} for the error response. */
    static final int OVERSIZE_PREFIX = 4096;

    private Frames() {
    }

    public static byte[] frame(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        byte[] header = ("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[header.length + body.length];
        System.arraycopy(header, 0, out, 0, header.length);
        System.arraycopy(body, 0, out, header.length, body.length);
        return out;
    }

    /** Header blocks longer than this are not headers (binary garbage, a client speaking another protocol). */
    public static final int MAX_HEADERS = 64 * 1024;

    /**
     * The body length a header block announces, or -1 when the block is unusable: no {@code Content-Length}, a value
     * that is not a plain decimal number of up to 10 digits, or a line that is not {@code Name: value} (garbage, or
     * the tail of a body longer than its header said). Other headers, like {@code Content-Type}, are ignored. Lines
     * may end in CRLF, as DAP says, or in LF alone. A usable length over the server's maximum message size is the
     * transport's to refuse: it can skip that body and go on.
     */
    public static long contentLength(CharSequence headers) {
        // By index, without splitting or trimming copies: every message's headers pass here on the reader thread
        // (the TCP transport's as a view of the bytes they came in, see ContentLengthDecoder).
        long length = -1;
        int n = headers.length();
        int start = 0;
        while (start < n) {
            int nl = indexOf(headers, '\n', start);
            int next = nl < 0 ? n : nl + 1;
            int end = nl < 0 ? n : nl;
            if (end > start && headers.charAt(end - 1) == '\r') {
                end--;
            }
            if (end > start) {
                int colon = indexOf(headers, ':', start);
                if (colon <= start || colon >= end || !isToken(headers, start, colon)) {
                    return -1;
                }
                if (colon - start == CONTENT_LENGTH.length() && isContentLength(headers, start)) {
                    length = decimal(headers, colon + 1, end);
                    if (length < 0) {
                        return -1;
                    }
                }
            }
            start = next;
        }
        return length;
    }

    private static final String CONTENT_LENGTH = "Content-Length";

    private static int indexOf(CharSequence s, char c, int from) {
        for (int i = from; i < s.length(); i++) {
            if (s.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    /** Whether the header name at {@code from} (a token, so ASCII) is Content-Length in any case. */
    private static boolean isContentLength(CharSequence s, int from) {
        for (int i = 0; i < CONTENT_LENGTH.length(); i++) {
            char c = s.charAt(from + i);
            char want = CONTENT_LENGTH.charAt(i);
            if (c != want && (c | 0x20) != (want | 0x20)) {
                return false;
            }
        }
        return true;
    }

    /** The plain decimal number of 1-10 digits in [from, to) less surrounding spaces and controls, or -1. */
    private static long decimal(CharSequence s, int from, int to) {
        while (from < to && s.charAt(from) <= ' ') {
            from++;
        }
        while (to > from && s.charAt(to - 1) <= ' ') {
            to--;
        }
        if (from == to || to - from > 10) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isToken(CharSequence s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!(c == '-' || c == '_' || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Given the byte just read and the two before it (oldest first, -1 where none), whether the header block ends
     * here: a blank line, after CRLF or LF line ends.
     */
    static boolean endsHeaders(int b2, int b1, int b) {
        return b == '\n' && (b1 == '\n' || (b1 == '\r' && b2 == '\n'));
    }

    /** The framing is broken beyond repair: the transport closes the connection (there is no request to answer). */
    public static final class MalformedFrameException extends java.io.IOException {
        public MalformedFrameException(String message) {
            super(message);
        }
    }

    /**
     * A message over the maximum size, already skipped: the stream is still in step. {@code prefix} is the start of
     * its body (where a {@code seq} may be found to answer).
     */
    public static final class OversizedMessageException extends java.io.IOException {
        private final String prefix;
        private final long length;

        OversizedMessageException(String prefix, long length) {
            super("a message of " + length + " bytes");
            this.prefix = prefix;
            this.length = length;
        }

        public String prefix() {
            return prefix;
        }

        public long length() {
            return length;
        }
    }
}
