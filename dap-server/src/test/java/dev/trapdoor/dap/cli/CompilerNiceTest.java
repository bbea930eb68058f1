package dev.trapdoor.dap.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The compiler threads' nice value, set on this JVM's own threads and read back from {@code /proc}. */
class CompilerNiceTest {
    /** A thread's nice value: the 19th field of its stat line, counted after the parenthesized name. */
    private static int nice(String tid) throws IOException {
        String stat = Files.readString(Path.of("/proc/self/task", tid, "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(fields[16]);
    }

    private static boolean hasRenice() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "renice"))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void raisesOnlyTheCompilerThreadsNiceValue() throws IOException {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")) && hasRenice(), "Linux with renice");
        List<String> compilers = CompilerNice.compilerThreads();
        assumeTrue(!compilers.isEmpty(), "a JVM with JIT compiler threads");
        String self = Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
        int before = nice(self);
        // Higher than this process's own value: an unprivileged user may raise a nice value, never lower it.
        int target = Math.min(19, before + 2);

        List<String> changed = CompilerNice.apply(target);

        assertEquals(compilers.stream().sorted().toList(), changed.stream().sorted().toList());
        for (String tid : changed) {
            assertEquals(target, nice(tid), "compiler thread " + tid);
        }
        assertEquals(before, nice(self), "the calling thread keeps its value");
    }

    @Test
    void theNamesAreHotSpotsCompilerThreads() throws IOException {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux");
        for (String tid : CompilerNice.compilerThreads()) {
            String comm = Files.readString(Path.of("/proc/self/task", tid, "comm")).trim();
            assertFalse(comm.isEmpty());
            assertEquals(true, comm.matches("C[12] CompilerThre.*"), comm);
        }
    }

    @Test
    void thePropertyTurnsItOffOrSetsTheValue() {
        String old = System.getProperty(CompilerNice.PROPERTY);
        try {
            System.clearProperty(CompilerNice.PROPERTY);
            assertEquals(CompilerNice.DEFAULT, CompilerNice.configured());
            System.setProperty(CompilerNice.PROPERTY, "0");
            assertEquals(0, CompilerNice.configured());
            System.setProperty(CompilerNice.PROPERTY, "15");
            assertEquals(15, CompilerNice.configured());
        } finally {
            if (old == null) {
                System.clearProperty(CompilerNice.PROPERTY);
            } else {
                System.setProperty(CompilerNice.PROPERTY, old);
            }
        }
    }
}
