package dev.trapdoor.it;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@code bin/trapdoor} as a separate process, the way a user does, and captures what it printed. */
final class Trapdoor {
    static final Path ROOT = Path.of(System.getProperty("trapdoor.root", "..")).toAbsolutePath().normalize();
    static final Path LAUNCHER = ROOT.resolve("bin/trapdoor");
    static final Path EXAMPLES = ROOT.resolve("examples");

    record Result(int status, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }

        /** Useful in assertion messages. */
        String describe() {
            return "status " + status + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private Trapdoor() {
    }

    static Path example(String name) {
        return EXAMPLES.resolve(name);
    }

    static Result run(String... args) throws IOException, InterruptedException {
        return runIn(ROOT, args);
    }

    static Result runIn(Path cwd, String... args) throws IOException, InterruptedException {
        return runWith(cwd, Map.of(), args);
    }

    /** As {@link #runIn}, with {@code env} added to the launcher's environment (e.g. another JAVA_HOME). */
    static Result runWith(Path cwd, Map<String, String> env, String... args) throws IOException,
            InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(LAUNCHER.toString());
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("trapdoor-it-out", ".txt");
        Path err = Files.createTempFile("trapdoor-it-err", ".txt");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("trapdoor did not finish in 120 s: " + cmd);
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
