package dev.trapdoor.engine.wasi;

import dev.trapdoor.engine.trap.Trap;
import dev.trapdoor.engine.trap.TrapKind;
import org.junit.jupiter.api.Test;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The calls written without a lambda ({@code fd_write}, {@code fd_fdstat_get}) fail exactly as the guarded ones. */
class CallsTest {
    @Test
    void failedGivesTheErrnoGuardGivesForEveryFailure() {
        List<Exception> failures = List.of(new ErrnoException(Errno.EBADF), new ErrnoException(Errno.EISDIR),
                new IOException("disk"), new FileNotFoundException("gone"), new AccessDeniedException("/x"),
                new IllegalArgumentException("bad"), new Trap(TrapKind.MEMORY_OUT_OF_BOUNDS, "oob", 0, 0, List.of()));
        for (Exception e : failures) {
            assertEquals(Calls.guard(() -> {
                throw e;
            }), Calls.failed(e), e.toString());
        }
        assertEquals(Errno.EFAULT.code(), Calls.failed(new Trap(TrapKind.MEMORY_OUT_OF_BOUNDS, "oob", 0, 0,
                List.of())), "a bad guest pointer is EFAULT");
        OutOfMemoryError oom = new OutOfMemoryError("Java heap space");
        assertEquals(Calls.guard(() -> {
            throw oom;
        }), Calls.failed(oom));
    }

    @Test
    void theProgramsExitAndOtherTrapsPassThrough() {
        WasiExit exit = new WasiExit(3);
        assertSame(exit, assertThrows(WasiExit.class, () -> Calls.failed(exit)));
        Trap trap = new Trap(TrapKind.UNREACHABLE, "unreachable", 0, 0, List.of());
        assertSame(trap, assertThrows(Trap.class, () -> Calls.failed(trap)));
        StackOverflowError deep = new StackOverflowError();
        assertSame(deep, assertThrows(StackOverflowError.class, () -> Calls.failed(deep)));
    }

    @Test
    void anInterruptIsEintrAndStaysSet() {
        try {
            assertEquals(Errno.EINTR.code(), Calls.failed(new InterruptedException()));
            assertTrue(Thread.interrupted(), "the interrupt is kept for the thread's owner");
        } finally {
            Thread.interrupted();
        }
    }
}
