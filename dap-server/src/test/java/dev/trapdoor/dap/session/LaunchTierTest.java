package dev.trapdoor.dap.session;

import dev.trapdoor.engine.exec.Tier;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The {@code tier} launch argument: tiered by default, any case, and a clear refusal of an unknown name. */
class LaunchTierTest {
    private static final Path CWD = Path.of("/tmp");

    @Test
    void tieredByDefault() {
        assertEquals(Tier.TIERED, LaunchArguments.parse(Map.of("program", "p.wasm"), CWD).tier());
    }

    @Test
    void namedTier() {
        assertEquals(Tier.COMPILED,
                LaunchArguments.parse(Map.of("program", "p.wasm", "tier", "COMPILED"), CWD).tier());
        assertEquals(Tier.INTERPRETER,
                LaunchArguments.parse(Map.of("program", "p.wasm", "tier", "interpreter"), CWD).tier());
    }

    @Test
    void unknownTier() {
        ResponseErrorException e = assertThrows(ResponseErrorException.class,
                () -> LaunchArguments.parse(Map.of("program", "p.wasm", "tier", "jit"), CWD));
        assertEquals("launch: 'tier': unknown tier \"jit\" (interpreter, compiled or tiered)", e.getMessage());
    }
}
