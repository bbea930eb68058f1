package dev.trapdoor.intellij;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ServerCommandTest {
    private static final Path ROOT = Path.of("/home/me/My Projects/trapdoor");

    @Test
    void unixRunsTheCheckoutsLauncherOnAPortLsp4ijPicks() {
        ServerCommand c = ServerCommand.forCheckout(ROOT, ServerCommand.Platform.UNIX);
        assertEquals(List.of(ROOT.resolve("bin/trapdoor").toString(), "dap", "--port", "${port}", "--no-warm-up"),
                c.argv());
        assertEquals(List.of(ROOT.resolve("bin/trapdoor").toString(), "dap", "--port", "4711", "--no-warm-up"),
                c.withPort(4711));
    }

    @Test
    void windowsRunsTheJarBecauseTheLauncherIsABashScript() {
        ServerCommand c = ServerCommand.forCheckout(ROOT, ServerCommand.Platform.WINDOWS);
        assertEquals(List.of("java", "-Dsun.misc.unsafe.memory.access=allow", "-jar",
                ROOT.resolve("dap-server/target/trapdoor.jar").toString(), "dap",
                "--port", "${port}", "--no-warm-up"), c.argv());
    }

    @Test
    void theOneLineFormSurvivesASpaceInThePath() {
        ServerCommand c = ServerCommand.forCheckout(ROOT, ServerCommand.Platform.UNIX);
        assertEquals(c.argv(), CommandLines.split(c.commandLine()));
    }

    @Test
    void aCommandWithoutThePortPlaceholderIsRefused() {
        // Without ${port} LSP4IJ would have nothing to substitute, and two sessions would fight over one port.
        assertThrows(IllegalArgumentException.class, () -> new ServerCommand(List.of("trapdoor", "dap")));
    }
}
