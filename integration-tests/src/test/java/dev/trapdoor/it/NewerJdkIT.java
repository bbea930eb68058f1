package dev.trapdoor.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The launchers on a JDK newer than the one the project builds with: from JDK 24 on, the first use of
 * {@code sun.misc.Unsafe}'s memory access (how linear memory is read) prints four warning lines on stderr unless the
 * command allows it. {@code bin/trapdoor} does, and so do the VS Code and IntelliJ commands (their unit tests). Runs
 * with the newest JDK of 24 or later under {@code /usr/lib/jvm} (or {@code -Dtrapdoor.newerJdk=DIR}); skipped loudly
 * when there is none.
 */
class NewerJdkIT {
    private static final Pattern VERSION = Pattern.compile("JAVA_VERSION=\"(\\d+)");
    private static Path jdk;

    @BeforeAll
    static void findJdk() throws IOException {
        String given = System.getProperty("trapdoor.newerJdk");
        if (given != null) {
            jdk = Path.of(given);
        } else if (Files.isDirectory(Path.of("/usr/lib/jvm"))) {
            try (Stream<Path> dirs = Files.list(Path.of("/usr/lib/jvm"))) {
                jdk = dirs.filter(d -> major(d) >= 24).max((a, b) -> Integer.compare(major(a), major(b)))
                        .orElse(null);
            }
        }
        if (jdk == null) {
            System.err.println("*** NewerJdkIT: skipped: no JDK 24 or later under /usr/lib/jvm");
        }
        Assumptions.assumeTrue(jdk != null, "*** no JDK 24 or later under /usr/lib/jvm");
    }

    /** The major version in a JDK's {@code release} file, or 0. */
    private static int major(Path dir) {
        try {
            Matcher m = VERSION.matcher(Files.readString(dir.resolve("release")));
            return m.find() && Files.isExecutable(dir.resolve("bin/java")) ? Integer.parseInt(m.group(1)) : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    @Test
    void theLauncherPrintsWhatItPrintsOnTheBuildJdk() throws Exception {
        // Neither Unsafe's warnings (stderr) nor the JVM's complaint about the class-data archive, which this JDK did
        // not make (stdout, where it would mix with the program's output).
        Trapdoor.Result newer = Trapdoor.runWith(Trapdoor.ROOT, Map.of("JAVA_HOME", jdk.toString()), "run",
                Trapdoor.example("hello.wasm").toString());
        Trapdoor.Result build = Trapdoor.run("run", Trapdoor.example("hello.wasm").toString());
        assertEquals(0, newer.status(), newer.describe());
        assertTrue(newer.out().contains("GREETING=(unset)"), newer.describe());
        assertEquals(build.out(), newer.out());
        assertEquals(build.err(), newer.err());
        assertFalse(newer.err().contains("WARNING"), newer.describe());
    }

    @Test
    void aDapServerOnStdioAnswersWithNothingBeforeTheProtocol() throws Exception {
        String body = "{\"seq\":1,\"type\":\"request\",\"command\":\"initialize\",\"arguments\":"
                + "{\"adapterID\":\"it\"}}";
        ProcessBuilder p = new ProcessBuilder(Trapdoor.LAUNCHER.toString(), "dap").directory(Trapdoor.ROOT.toFile());
        p.environment().put("JAVA_HOME", jdk.toString());
        Process server = p.redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            server.getOutputStream().write(("Content-Length: " + body.length() + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.UTF_8));
            server.getOutputStream().flush(); // stdin stays open: at its end the server stops without answering
            // The first bytes must be the response's header; the server's first message is its answer.
            String header = new String(server.getInputStream().readNBytes(16), StandardCharsets.US_ASCII);
            assertEquals("Content-Length: ", header);
            StringBuilder length = new StringBuilder();
            for (int c = server.getInputStream().read(); c != '\r'; c = server.getInputStream().read()) {
                length.append((char) c);
            }
            server.getInputStream().readNBytes(3); // \n\r\n
            String response = new String(server.getInputStream().readNBytes(Integer.parseInt(length.toString())),
                    StandardCharsets.UTF_8);
            assertTrue(response.contains("\"command\":\"initialize\"") && response.contains("\"success\":true"),
                    response);
        } finally {
            server.getOutputStream().close();
            if (!server.waitFor(60, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    @Test
    void withoutTheLaunchersPropertyThatJdkWarns() throws Exception {
        // What the launchers' property is for: the same run as `java -jar` alone warns. (If a later JDK stops
        // warning, or refuses Unsafe's memory access outright, this test says so first.)
        Path jar = Trapdoor.ROOT.resolve("dap-server/target/trapdoor.jar");
        Process p = new ProcessBuilder(jdk.resolve("bin/java").toString(), "-jar", jar.toString(), "run",
                Trapdoor.example("hello.wasm").toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        List<String> warnings = out.lines().filter(l -> l.startsWith("WARNING")).toList();
        assertTrue(warnings.stream().anyMatch(l -> l.contains("sun.misc.Unsafe")), out);
        assertEquals(Optional.empty(), out.lines().filter(l -> l.contains("Exception")).findFirst(), out);
    }
}
