package dev.trapdoor.dap.session;

import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The {@code maxMemory} launch argument: bytes or a size with a unit, and a clear refusal of anything else. */
class LaunchMaxMemoryTest {
    private static final Path CWD = Path.of("/tmp");

    private static Long parse(Object value) {
        return LaunchArguments.parse(Map.of("program", "p.wasm", "maxMemory", value), CWD).maxMemory();
    }

    @Test
    void bytesOrAUnit() {
        assertNull(LaunchArguments.parse(Map.of("program", "p.wasm"), CWD).maxMemory());
        assertEquals(1048576L, parse(1048576.0), "Gson reads JSON numbers as doubles");
        assertEquals(256L << 20, parse("256M"));
        assertEquals(2L << 30, parse("2GiB"));
        assertEquals(64L << 10, parse("64k"));
        assertEquals(4096L, parse("4096"));
    }

    @Test
    void anythingElseIsRefusedByName() {
        ResponseErrorException unit = assertThrows(ResponseErrorException.class, () -> parse("3 parsecs"));
        assertEquals("launch: 'maxMemory': '3 parsecs': unknown unit 'parsecs' (use k, M or G)", unit.getMessage());
        ResponseErrorException fraction = assertThrows(ResponseErrorException.class, () -> parse(1.5));
        assertEquals("launch: 'maxMemory' must be a number of bytes or a size such as \"256M\", not the number 1.5",
                fraction.getMessage());
        assertThrows(ResponseErrorException.class, () -> parse(-1.0));
        assertThrows(ResponseErrorException.class, () -> parse("99999999999G"));
        assertThrows(ResponseErrorException.class, () -> parse(true));
    }
}
