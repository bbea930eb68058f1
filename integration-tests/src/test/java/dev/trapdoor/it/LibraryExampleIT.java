package dev.trapdoor.it;

import org.junit.jupiter.api.Assumptions;
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
 * examples/library, a separate Maven project, builds and runs against the engine as installed in a Maven
 * repository: the parent POM and the engine's jar, sources and Javadoc jars are installed (as {@code mvn install}
 * would) into a temporary local repository that reads everything else from the developer's one
 * ({@code maven.repo.local.tail}), so ~/.m2 is never written.
 */
class LibraryExampleIT {
    private static final Path ROOT = Trapdoor.ROOT;
    private static final Path MVNW = ROOT.resolve("mvnw");

    private static String mvn(Path repo, Path cwd, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(MVNW.toString(), "-B", "-q",
                "-Dmaven.repo.local=" + repo, "-Dmaven.repo.local.tail=" + tail()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("library-it", ".txt");
        try {
            Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile()).start();
            assertTrue(p.waitFor(300, TimeUnit.SECONDS), "finished in 300 s: " + cmd);
            String text = Files.readString(out, StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), cmd + " said:\n" + text);
            return text;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static Path tail() {
        String local = System.getProperty("maven.repo.local");
        return local != null ? Path.of(local) : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    @Test
    void theExampleBuildsAndRunsAgainstTheInstalledEngine(@TempDir Path repo) throws Exception {
        Path engine = ROOT.resolve("engine/target");
        String version;
        try (var files = Files.list(engine)) {
            Path jar = files.filter(f -> f.getFileName().toString().matches("trapdoor-engine-.+-javadoc\\.jar"))
                    .findFirst().orElse(null);
            Assumptions.assumeTrue(jar != null, "*** LibraryExampleIT: skipped: engine/target has no javadoc jar"
                    + " (package the engine first)");
            version = jar.getFileName().toString().replaceAll("^trapdoor-engine-(.+)-javadoc\\.jar$", "$1");
        }
        mvn(repo, ROOT, "org.apache.maven.plugins:maven-install-plugin:3.1.2:install-file",
                "-Dfile=pom.xml", "-DpomFile=pom.xml", "-Dpackaging=pom");
        mvn(repo, ROOT, "org.apache.maven.plugins:maven-install-plugin:3.1.2:install-file",
                "-Dfile=" + engine.resolve("trapdoor-engine-" + version + ".jar"), "-DpomFile=engine/pom.xml",
                "-Dsources=" + engine.resolve("trapdoor-engine-" + version + "-sources.jar"),
                "-Djavadoc=" + engine.resolve("trapdoor-engine-" + version + "-javadoc.jar"));
        Path installed = repo.resolve("dev/trapdoor/trapdoor-engine/" + version);
        assertTrue(Files.exists(installed.resolve("trapdoor-engine-" + version + "-sources.jar")), "sources jar");
        assertTrue(Files.exists(installed.resolve("trapdoor-engine-" + version + "-javadoc.jar")), "javadoc jar");

        Path example = ROOT.resolve("examples/library");
        String out = mvn(repo, example, "-Dtrapdoor.version=" + version, "compile", "exec:java");
        assertTrue(out.contains("fact(20) = 2432902008176640000"), out);
        assertTrue(out.contains("trapped: integer divide by zero"), out);
    }
}
