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
    public static long contentLength(String headers) {
        long length = -1;
        for (String line : headers.split("\n")) {
            line = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || !isToken(line.substring(0, colon))) {
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

    private static boolean isToken(String name) {
        return name.chars().allMatch(c -> c == '-' || c == '_' || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')
                || (c >= 'a' && c <= 'z'));
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
