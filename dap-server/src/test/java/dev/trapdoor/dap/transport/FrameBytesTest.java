package dev.trapdoor.dap.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;

import java.nio.CharBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link FrameBytes} makes the bytes {@link Frames#frame} (the JDK's UTF-8 encoder) makes, for any text. */
class FrameBytesTest {
    private static final PooledByteBufAllocator POOL = PooledByteBufAllocator.DEFAULT;

    private static void same(String json) {
        byte[] expected = Frames.frame(json);
        for (CharSequence form : new CharSequence[] {json, new StringBuilder(json), CharBuffer.wrap(json)}) {
            ByteBuf buf = FrameBytes.frame(form, POOL);
            try {
                assertArrayEquals(expected, ByteBufUtil.getBytes(buf), () -> form.getClass().getSimpleName() + ": "
                        + describe(json));
                assertEquals(expected.length, buf.readableBytes());
            } finally {
                buf.release();
            }
        }
    }

    private static String describe(String s) {
        return s.length() > 40 ? s.length() + " chars" : s.chars().mapToObj(Integer::toHexString).toList().toString();
    }

    @Test
    void everyCharAloneAndBetweenOthers() {
        for (int c = 0; c <= 0xFFFF; c++) {
            String one = String.valueOf((char) c);
            same(one);
            same("{\"x\":\"a" + one + "é" + one + "\"}");
        }
    }

    @Test
    void surrogatesPairedLoneReversedAndAtTheEnds() {
        String pair = "🙂";
        char high = pair.charAt(0);
        char low = pair.charAt(1);
        List<String> cases = new ArrayList<>(List.of("", pair, "" + high, "" + low, "" + low + high,
                "a" + high, high + "a", high + "é", high + "€", "" + high + high + low, "" + high + low + low,
                low + pair + high, "\"" + high + "\"" + low, "𐍈\u2028😀" + high));
        Random random = new Random(27);
        char[] pool = {'a', '"', '\\', 'é', '€', '\u07FF', '\u0800', '\uFFFF', high, low, '\uD800', '\uDBFF', '\uDC00',
                '\uDFFF', '\u0000', '\u007F', '\u0080'};
        for (int i = 0; i < 2_000; i++) {
            char[] text = new char[random.nextInt(40)];
            for (int k = 0; k < text.length; k++) {
                text[k] = pool[random.nextInt(pool.length)];
            }
            cases.add(new String(text));
        }
        cases.forEach(FrameBytesTest::same);
    }

    @Test
    void lengthsAcrossDigitsAndLargeTexts() {
        // Bodies of 9, 10, 99, 100... bytes (the header's length changes), and large texts.
        for (int digits = 1; digits <= 6; digits++) {
            int n = (int) Math.pow(10, digits);
            same("x".repeat(n - 1));
            same("x".repeat(n));
            same("é".repeat(n / 2));
        }
        same("🙂".repeat(64 * 1024));
        same("é" + "x".repeat(200 * 1024));
        same("{}");
    }
}
