package dev.trapdoor.dap.warm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The warm-up's eden touch ({@link EdenTouch}) fills the serial collector's eden up to a few MB short of its capacity
 * without starting a collection, and leaves any other collector's young generation alone. A JVM of its own each,
 * with the collector and young size given.
 */
class EdenTouchTest {
    private static final Pattern LINE = Pattern.compile("touched (\\d+) MB, free (-?\\d+) MB, collections (\\d+)");

    @Test
    void fillsTheSerialEdenWithoutACollection() throws Exception {
        Matcher m = run("-XX:+UseSerialGC", "-Xmn64m");
        // -Xmn64m: eden is 51 MB (8:1:1); the JVM's start-up used a little of it.
        assertTrue(Long.parseLong(m.group(1)) >= 35, m.group());
        assertTrue(Long.parseLong(m.group(2)) <= 5, m.group());
        assertEquals("0", m.group(3), m.group());
    }

    @Test
    void leavesAnotherCollectorAlone() throws Exception {
        Matcher m = run("-XX:+UseG1GC", "-Xmn64m");
        assertEquals("0", m.group(1), m.group());
        assertEquals("-1", m.group(2), m.group());
    }

    @Test
    void canBeSwitchedOff() throws Exception {
        Matcher m = run("-XX:+UseSerialGC", "-Xmn64m", "-Dtrapdoor.dap.warmUp.touchEden=false");
        assertEquals("0", m.group(1), m.group());
        assertTrue(Long.parseLong(m.group(2)) >= 35, m.group());
    }

    private static Matcher run(String... jvmOptions) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), EdenTouchMain.class.getName()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "still running after 60 s");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        Matcher m = LINE.matcher(out);
        assertTrue(m.find(), out);
        return m;
    }
}
