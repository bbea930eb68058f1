package dev.trapdoor.dap.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Lowers the priority (raises the nice value) of the JVM's JIT compiler threads once a TCP server's warm-up is done,
 * when {@link #PROPERTY} asks for it. Under 50
 * clients a fresh server is CPU-bound, and its C1 and C2 threads, at the sessions' priority, took a share of each
 * burst of steps that all waited for CPU together; at a higher nice value they get the cores the sessions leave idle
 * and yield to the sessions in a burst. Only after the warm-up: a compiler held back while the warm-up runs leaves the
 * request path interpreted when the first clients come (benchmarks/RESULTS.md, session 23).
 *
 * <p>Linux gives each thread its own nice value, and any user may raise its own threads'; HotSpot has no option for
 * it that works without root ({@code -XX:CompilerThreadPriority} needs {@code -XX:ThreadPriorityPolicy=1}, which then
 * also raises the VM thread's priority when it can, and applies from the start). So this runs {@code renice} on the
 * compiler threads it finds in {@code /proc/self/task}; a compiler thread the JVM adds later is started by a compiler
 * thread and inherits its value. Where there is no {@code /proc} or no {@code renice}, nothing changes.
 */
final class CompilerNice {
    /**
     * The nice value for the compiler threads (1-19); 0, the default, leaves them alone: on a loaded 2-core machine no
     * p99 gain was measured, and there a niced compiler gets little CPU at all (benchmarks/RESULTS.md, session 23).
     */
    static final String PROPERTY = "trapdoor.dap.compilerNice";
    static final int DEFAULT = 0;

    private CompilerNice() {
    }

    /** The configured value, {@link #DEFAULT} when the property is unset or not a number. */
    static int configured() {
        try {
            return Integer.parseInt(System.getProperty(PROPERTY, String.valueOf(DEFAULT)).trim());
        } catch (NumberFormatException e) {
            return DEFAULT;
        }
    }

    /** Applies {@link #configured()} on a daemon thread, so that the caller does not wait for {@code renice}. */
    static void applyInBackground() {
        int nice = configured();
        if (nice <= 0) {
            return;
        }
        Thread t = new Thread(() -> apply(nice), "trapdoor compiler-nice");
        t.setDaemon(true);
        t.start();
    }

    /** Sets the compiler threads' nice value to {@code nice} (1-19); returns their thread ids (empty if none or failed). */
    static List<String> apply(int nice) {
        List<String> tids = compilerThreads();
        if (tids.isEmpty()) {
            return tids;
        }
        List<String> cmd = new ArrayList<>(List.of("renice", "-n", String.valueOf(Math.min(nice, 19)), "-p"));
        cmd.addAll(tids);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroy();
                return List.of();
            }
            return p.exitValue() == 0 ? tids : List.of();
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /** The ids of this process's threads named as HotSpot names its compiler threads ("C1 CompilerThread0", ...). */
    static List<String> compilerThreads() {
        List<String> tids = new ArrayList<>();
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return tids;
        }
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(tasks)) {
            for (Path task : dir) {
                String comm;
                try {
                    comm = Files.readString(task.resolve("comm")).trim();
                } catch (IOException gone) {
                    continue;
                }
                if (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre")) {
                    tids.add(task.getFileName().toString());
                }
            }
        } catch (IOException e) {
            return new ArrayList<>();
        }
        return tids;
    }
}
