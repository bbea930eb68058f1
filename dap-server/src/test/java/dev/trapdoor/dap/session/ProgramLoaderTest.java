package dev.trapdoor.dap.session;

import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a {@code launch} answers when the program cannot be loaded: one message naming the file and the problem. */
class ProgramLoaderTest {
    /** {@code return_call 0} at module offset 0x17: a valid module using tail calls. */
    private static final byte[] ATOMIC_FENCE = {0, 'a', 's', 'm', 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0, 3, 2, 1, 0,
            0x0A, 7, 1, 5, 0, (byte) 0xFE, 3, 0, 0x0B};

    @TempDir
    Path tmp;

    private ResponseErrorException launch(Path program) {
        return launch(Map.of("program", program.toString()));
    }

    private ResponseErrorException launch(Map<String, Object> args) {
        LaunchConfig config = LaunchArguments.parse(args, tmp);
        ClientEvents events = new ClientEvents(new IDebugProtocolClient() {
        }, Runnable::run);
        return assertThrows(ResponseErrorException.class,
                () -> ProgramLoader.load(config, OutputStream.nullOutputStream(), OutputStream.nullOutputStream(),
                        events));
    }

    @Test
    void unsupportedFeatureIsNamedWithItsOffset() throws Exception {
        Path wasm = Files.write(tmp.resolve("fence.wasm"), ATOMIC_FENCE);
        ResponseErrorException e = launch(wasm);
        assertEquals("launch: " + wasm + ": not supported: threads at offset 0x17 (instruction 0xfe 3)",
                e.getResponseError().getMessage());
    }

    @Test
    void malformedModuleIsNamedWithItsOffset() throws Exception {
        byte[] truncated = java.util.Arrays.copyOf(ATOMIC_FENCE, ATOMIC_FENCE.length - 3);
        Path wasm = Files.write(tmp.resolve("cut.wasm"), truncated);
        ResponseErrorException e = launch(wasm);
        assertEquals("launch: " + wasm + ": malformed module at offset 0x13: length out of bounds",
                e.getResponseError().getMessage());
    }

    /** A FIFO nobody writes would block the read forever; /dev/zero never ends (issue 26). Both answer at once. */
    @Test
    void nonRegularFilesAreRefusedWithoutBlocking() throws Exception {
        Path fifo = tmp.resolve("prog.wasm");
        org.junit.jupiter.api.Assumptions.assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start()
                .waitFor() == 0, "*** mkfifo failed");
        for (Path p : new Path[]{fifo, Path.of("/dev/zero"), tmp}) {
            // A hang (the FIFO) or an endless read (/dev/zero) would run into the timeout.
            String message = assertTimeoutPreemptively(java.time.Duration.ofSeconds(5),
                    () -> launch(p).getResponseError().getMessage());
            assertTrue(message.startsWith("launch: cannot read program " + p + ": "), message);
            assertTrue(message.contains(p.equals(tmp) ? "is a directory" : "not a regular file"), message);
        }
        assertTrue(launch(tmp.resolve("missing.wasm")).getResponseError().getMessage().endsWith(": no such file"));
    }

    @Test
    void aFifoAsStdinIsRefused() throws Exception {
        Path fifo = tmp.resolve("in");
        org.junit.jupiter.api.Assumptions.assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start()
                .waitFor() == 0, "*** mkfifo failed");
        Path wasm = Files.write(tmp.resolve("t.wasm"), dev.trapdoor.engine.text.Wat.compile("t.wat",
                "(module (func (export \"_start\")))").binary());
        String message = assertTimeoutPreemptively(java.time.Duration.ofSeconds(5), () -> launch(Map.of(
                "program", wasm.toString(), "stdin", fifo.toString())).getResponseError().getMessage());
        assertTrue(message.contains("FIFO"), message);
    }

    /** Tables of 2^31-1 and 2^32-1 elements answered "Internal error." and a NegativeArraySizeException. */
    @Test
    void aTableTheHostCannotHoldIsRefusedWithItsSize() throws Exception {
        for (long size : new long[]{2_147_483_647L, 4_294_967_295L}) {
            Path wasm = Files.write(tmp.resolve("t" + size + ".wasm"), dev.trapdoor.engine.text.Wat.compile("t.wat",
                    "(module (table " + size + " funcref) (func (export \"_start\")))").binary());
            String message = launch(wasm).getResponseError().getMessage();
            assertTrue(message.contains("cannot instantiate") && message.contains(Long.toString(size))
                    && message.contains("10000000"), message);
        }
        Path small = Files.write(tmp.resolve("small.wasm"), dev.trapdoor.engine.text.Wat.compile("t.wat",
                "(module (table 100 funcref) (func (export \"_start\")))").binary());
        String message = launch(Map.of("program", small.toString(), "maxTableElements", 50.0))
                .getResponseError().getMessage();
        assertTrue(message.contains("a table of 100 elements") && message.contains("limit of 50"), message);
    }

    @Test
    void limitArgumentsAreChecked() {
        assertEquals(1500, LaunchArguments.parse(Map.of("program", "p.wasm", "timeLimit", 1.5), tmp).limits()
                .timeLimitMillis());
        for (Object bad : new Object[]{-1.0, 0.0, "10"}) {
            ResponseErrorException e = assertThrows(ResponseErrorException.class,
                    () -> LaunchArguments.parse(Map.of("program", "p.wasm", "timeLimit", bad), tmp));
            assertTrue(e.getMessage().contains("'timeLimit' must be a positive number of seconds"), e.getMessage());
        }
    }
}
