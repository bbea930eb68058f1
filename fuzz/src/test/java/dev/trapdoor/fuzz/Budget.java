package dev.trapdoor.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** How long a target runs and from which seed, from {@code -Dfuzz.seconds} and {@code -Dfuzz.seed}. */
final class Budget {
    final long seed;
    final long endNanos;
    final double seconds;

    Budget() {
        this.seed = Long.parseLong(System.getProperty("fuzz.seed", "26"));
        this.seconds = Double.parseDouble(System.getProperty("fuzz.seconds", "20"));
        this.endNanos = System.nanoTime() + (long) (seconds * 1e9);
    }

    boolean left() {
        return System.nanoTime() < endNanos;
    }

    /** Keeps a failing input where a person can find it, and says how to run it again. */
    String keep(String target, long index, byte[] input) {
        Path dir = Path.of("target", "fuzz-failures");
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(target + "-seed" + seed + "-" + index + ".bin");
            Files.write(file, input);
            return file.toAbsolutePath() + " (fuzz/run.sh " + target + " SECONDS " + seed + " reproduces it as input "
                    + index + ")";
        } catch (IOException e) {
            return "(could not keep the input: " + e.getMessage() + ")";
        }
    }
}
