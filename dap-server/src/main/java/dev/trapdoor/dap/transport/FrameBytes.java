package dev.trapdoor.dap.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * A message's frame made straight from the JSON builder: the text is encoded once, into this thread's scratch array
 * after room for the longest header, the {@code Content-Length} header is written in place just before it, and the
 * frame is copied once into a pooled direct buffer. The old way ({@link Frames#frame}) made a {@code String} of the
 * builder, its UTF-8 bytes, the header's {@code String} and bytes, and one more array for both, then the connection's
 * drain copied that into a direct buffer on the event loop: four copies and as many arrays per message, which a fresh
 * server's young generation paid for in page faults.
 *
 * <p>The bytes are those of {@code String.getBytes(UTF_8)}: a surrogate that is not half of a pair becomes {@code ?},
 * as the JDK's encoder replaces it, and the char after a lone high surrogate is encoded by itself.
 */
final class FrameBytes {
    private static final byte[] CONTENT_LENGTH = "Content-Length: ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** The longest header: {@code Content-Length: } , ten digits, CRLF CRLF. */
    static final int HEADER_ROOM = CONTENT_LENGTH.length + 10 + 4;
    /** Scratch arrays that grew past this many chars for a large message are not kept by the thread. */
    static final int KEEP = 64 * 1024;

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private FrameBytes() {
    }

    /** The frame of {@code json} in a buffer from {@code alloc} (the caller owns it); {@code json} is not kept. */
    static ByteBuf frame(CharSequence json, ByteBufAllocator alloc) {
        int n = json.length();
        if (n > (Integer.MAX_VALUE - HEADER_ROOM) / 3) {
            byte[] frame = Frames.frame(json.toString()); // past what one array could hold at three bytes a char
            return alloc.ioBuffer(frame.length).writeBytes(frame);
        }
        Scratch s = SCRATCH.get();
        char[] chars = s.chars(n);
        getChars(json, n, chars);
        byte[] bytes = s.bytes(HEADER_ROOM + 3 * n);
        int end = encode(chars, n, bytes, HEADER_ROOM);
        int start = header(bytes, end - HEADER_ROOM);
        ByteBuf out = alloc.ioBuffer(end - start);
        out.writeBytes(bytes, start, end - start);
        s.trim();
        return out;
    }

    /** As {@link #frame}, into a new array: the same bytes {@link Frames#frame} makes (tests compare the two). */
    static byte[] frameBytes(CharSequence json) {
        int n = json.length();
        char[] chars = new char[n];
        getChars(json, n, chars);
        byte[] bytes = new byte[HEADER_ROOM + 3 * n];
        int end = encode(chars, n, bytes, HEADER_ROOM);
        int start = header(bytes, end - HEADER_ROOM);
        return java.util.Arrays.copyOfRange(bytes, start, end);
    }

    private static void getChars(CharSequence json, int n, char[] chars) {
        if (json instanceof StringBuilder b) {
            b.getChars(0, n, chars, 0);
        } else if (json instanceof String str) {
            str.getChars(0, n, chars, 0);
        } else {
            for (int i = 0; i < n; i++) {
                chars[i] = json.charAt(i);
            }
        }
    }

    /** Writes {@code Content-Length: length\r\n\r\n} to end at {@link #HEADER_ROOM}; returns where it starts. */
    private static int header(byte[] bytes, int length) {
        int p = HEADER_ROOM;
        bytes[--p] = '\n';
        bytes[--p] = '\r';
        bytes[--p] = '\n';
        bytes[--p] = '\r';
        int v = length;
        do {
            bytes[--p] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v != 0);
        p -= CONTENT_LENGTH.length;
        System.arraycopy(CONTENT_LENGTH, 0, bytes, p, CONTENT_LENGTH.length);
        return p;
    }

    /** UTF-8 of {@code chars[0, n)} at {@code bytes[at]}, as {@code String.getBytes(UTF_8)}; returns the end. */
    static int encode(char[] chars, int n, byte[] bytes, int at) {
        int p = at;
        int i = 0;
        // ASCII, which nearly all of a message is, in a loop of its own.
        while (i < n && chars[i] < 0x80) {
            bytes[p++] = (byte) chars[i++];
        }
        while (i < n) {
            char c = chars[i++];
            if (c < 0x80) {
                bytes[p++] = (byte) c;
            } else if (c < 0x800) {
                bytes[p++] = (byte) (0xC0 | (c >> 6));
                bytes[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (!Character.isSurrogate(c)) {
                bytes[p++] = (byte) (0xE0 | (c >> 12));
                bytes[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                bytes[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i < n && Character.isLowSurrogate(chars[i])) {
                int cp = Character.toCodePoint(c, chars[i++]);
                bytes[p++] = (byte) (0xF0 | (cp >> 18));
                bytes[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                bytes[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                bytes[p++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                bytes[p++] = '?';
            }
        }
        return p;
    }

    /** One thread's arrays, kept between messages. */
    private static final class Scratch {
        private char[] chars = new char[4096];
        private byte[] bytes = new byte[HEADER_ROOM + 3 * 4096];

        char[] chars(int n) {
            if (chars.length < n) {
                chars = new char[Math.max(n, chars.length * 2)];
            }
            return chars;
        }

        byte[] bytes(int n) {
            if (bytes.length < n) {
                bytes = new byte[Math.max(n, bytes.length * 2)];
            }
            return bytes;
        }

        /** A large message's arrays are dropped rather than kept by an idle thread. */
        void trim() {
            if (chars.length > KEEP) {
                chars = new char[4096];
                bytes = new byte[HEADER_ROOM + 3 * 4096];
            }
        }
    }
}
