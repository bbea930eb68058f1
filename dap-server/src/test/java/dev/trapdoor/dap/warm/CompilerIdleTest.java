package dev.trapdoor.dap.warm;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class CompilerIdleTest {
    /** This JVM runs the tiered compilers (the default), so on Linux its C1 threads are found and read. */
    @Test
    void findsThisJvmsC1ThreadsAndSeesThemIdle() throws InterruptedException {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "no /proc here");
        List<Path> c1 = CompilerIdle.c1Threads();
        assertFalse(c1.isEmpty(), "no C1 compiler thread among " + Path.of("/proc/self/task"));
        for (Path p : c1) {
            assertTrue(p.endsWith("schedstat") && Files.isReadable(p), p.toString());
        }
        // Nothing else runs in this test: C1 runs out of work well within the (generous) bound.
        assertTrue(CompilerIdle.await(20_000));
    }

    @Test
    void aZeroWaitReturnsAtOnceWithoutSayingIdle() throws InterruptedException {
        assertFalse(CompilerIdle.await(0));
    }
}
