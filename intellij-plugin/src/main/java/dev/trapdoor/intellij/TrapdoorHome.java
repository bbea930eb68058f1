package dev.trapdoor.intellij;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the plugin finds a built Trapdoor checkout: {@code TRAPDOOR_HOME} (environment) or {@code trapdoor.home}
 * (system property, wins: it is what an IDE's VM options can set). A checkout counts only once it is built, so the
 * IDE says "build it first" instead of starting a server that cannot run.
 */
public final class TrapdoorHome {
    public static final String ENV = "TRAPDOOR_HOME";
    public static final String PROPERTY = "trapdoor.home";

    private TrapdoorHome() {
    }

    public static Optional<Path> find(Map<String, String> env, String property) {
        String root = property != null && !property.isBlank() ? property : env.get(ENV);
        if (root == null || root.isBlank()) {
            return Optional.empty();
        }
        Path p = Path.of(root).toAbsolutePath().normalize();
        return isBuilt(p) ? Optional.of(p) : Optional.empty();
    }

    /** The checkout's launcher and the jar it runs are both there. */
    public static boolean isBuilt(Path root) {
        return Files.isRegularFile(root.resolve("bin").resolve("trapdoor"))
                && Files.isRegularFile(root.resolve("dap-server").resolve("target").resolve("trapdoor.jar"));
    }

    /** What to tell a user when {@link #find} came back empty. */
    public static String howToSet() {
        return "Trapdoor not found: set " + ENV + " (or -D" + PROPERTY + "=...) to a Trapdoor checkout built with "
                + "'./mvnw package'";
    }
}
