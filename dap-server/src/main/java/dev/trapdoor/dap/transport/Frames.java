package dev.trapdoor.dap.transport;

import java.nio.charset.StandardCharsets;

/** DAP's base protocol framing: {@code Content-Length: N\r\n\r\n} and N bytes of UTF-8 JSON. */
public final class Frames {
    /** Refuse bodies larger than this: a corrupt header must not make us allocate gigabytes. */
    public static final int MAX_BODY = 64 * 1024 * 1024;

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
     * that is not a plain decimal number up to {@link #MAX_BODY}, or a line that is not {@code Name: value} (garbage,
     * or the tail of a body longer than its header said). Other headers, like {@code Content-Type}, are ignored.
     * Lines may end in CRLF, as DAP says, or in LF alone.
     */
    public static int contentLength(String headers) {
        int length = -1;
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
                long n = Long.parseLong(value);
                if (n > MAX_BODY) {
                    return -1;
                }
                length = (int) n;
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
}
