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

/** What a {@code launch} answers when the program cannot be loaded: one message naming the file and the problem. */
class ProgramLoaderTest {
    /** {@code return_call 0} at module offset 0x17: a valid module using tail calls. */
    private static final byte[] TAIL_CALL = {0, 'a', 's', 'm', 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0, 3, 2, 1, 0,
            0x0A, 6, 1, 4, 0, 0x12, 0, 0x0B};

    @TempDir
    Path tmp;

    private ResponseErrorException launch(Path program) {
        LaunchConfig config = LaunchArguments.parse(Map.of("program", program.toString()), tmp);
        ClientEvents events = new ClientEvents(new IDebugProtocolClient() {
        }, Runnable::run);
        return assertThrows(ResponseErrorException.class,
                () -> ProgramLoader.load(config, OutputStream.nullOutputStream(), OutputStream.nullOutputStream(),
                        events));
    }

    @Test
    void unsupportedFeatureIsNamedWithItsOffset() throws Exception {
        Path wasm = Files.write(tmp.resolve("tail.wasm"), TAIL_CALL);
        ResponseErrorException e = launch(wasm);
        assertEquals("launch: " + wasm + ": not supported: tail calls at offset 0x17 (return_call)",
                e.getResponseError().getMessage());
    }

    @Test
    void malformedModuleIsNamedWithItsOffset() throws Exception {
        byte[] truncated = java.util.Arrays.copyOf(TAIL_CALL, TAIL_CALL.length - 3);
        Path wasm = Files.write(tmp.resolve("cut.wasm"), truncated);
        ResponseErrorException e = launch(wasm);
        assertEquals("launch: " + wasm + ": malformed module at offset 0x13: length out of bounds",
                e.getResponseError().getMessage());
    }
}
