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

    /**
     * The body length a header block announces, or -1 when it has no valid {@code Content-Length} (other headers,
     * like {@code Content-Type}, are ignored).
     */
    public static int contentLength(String headers) {
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Content-Length")) {
                try {
                    int n = Integer.parseInt(line.substring(colon + 1).trim());
                    return n >= 0 && n <= MAX_BODY ? n : -1;
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }
}
