package dev.trapdoor.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The distribution archive {@code mvn package} leaves in dap-server/target: unpacked anywhere, its bin/trapdoor runs
 * a program from any directory, it carries the license files and README, and its first run builds the
 * class-data-sharing archive the next runs start from.
 */
class DistributionIT {
    private static final Path TARGET = Trapdoor.ROOT.resolve("dap-server/target");

    private static Path archive() throws Exception {
        try (var files = Files.list(TARGET)) {
            return files.filter(f -> f.getFileName().toString().matches("trapdoor-.+\\.tar\\.gz")).findFirst()
                    .orElseThrow(() -> new AssertionError("no trapdoor-<version>.tar.gz in " + TARGET));
        }
    }

    private static String exec(Path cwd, List<String> cmd) throws Exception {
        Path out = Files.createTempFile("dist-it", ".txt");
        try {
            Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile()).start();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished in 120 s: " + cmd);
            String text = Files.readString(out, StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), cmd + " said:\n" + text);
            return text;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    @Test
    void unpackedAnywhereItRunsAProgramAndBuildsItsStartUpArchive(@TempDir Path dir) throws Exception {
        exec(dir, List.of("tar", "-xzf", archive().toString()));
        Path home;
        try (var entries = Files.list(dir)) {
            home = entries.findFirst().orElseThrow();
        }
        assertTrue(home.getFileName().toString().startsWith("trapdoor-"), home.toString());
        for (String file : new String[] {"bin/trapdoor", "lib/trapdoor.jar", "lib/trapdoor.classlist", "README.md",
                "LICENSE", "NOTICE"}) {
            assertTrue(Files.isRegularFile(home.resolve(file)), file + " is in the archive");
        }
        assertTrue(Files.readString(home.resolve("LICENSE")).contains("Apache License"), "LICENSE is Apache-2.0");
        // The interactive training session ran to its end: a line step's and a stop's variables' classes are listed.
        List<String> classes = Files.readAllLines(home.resolve("lib/trapdoor.classlist"));
        for (String c : new String[] {"dev/trapdoor/dap/source/LineStepper", "dev/trapdoor/engine/dwarf/ScopeTree",
                "dev/trapdoor/dap/handler/VariablesHandler"}) {
            assertTrue(classes.contains(c), c + " is in the class list");
        }
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
        Files.copy(Trapdoor.example("fib.wasm"), elsewhere.resolve("fib.wasm"));
        List<String> cmd = new ArrayList<>(List.of(home.resolve("bin/trapdoor").toString(), "run", "--invoke", "fib",
                "fib.wasm", "20"));
        assertTrue(exec(elsewhere, cmd).contains("6765"), "fib(20) from another directory");
        Path jsa = home.resolve("lib/trapdoor.jsa");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!Files.exists(jsa) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertTrue(Files.exists(jsa), "the first run built lib/trapdoor.jsa in the background");
        List<String> shared = new ArrayList<>(List.of("env", "TRAPDOOR_JAVA_OPTS=-Xshare:on"));
        shared.addAll(cmd);
        assertTrue(exec(elsewhere, shared).contains("6765"), "-Xshare:on: the archive maps for the installed jar");
    }
}
