package dev.trapdoor.intellij;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TrapdoorHomeTest {
    @Test
    void aCheckoutCountsOnceItIsBuilt(@TempDir Path root) throws Exception {
        Map<String, String> env = Map.of(TrapdoorHome.ENV, root.toString());
        assertEquals(Optional.empty(), TrapdoorHome.find(env, null), "not built yet");
        Files.createDirectories(root.resolve("bin"));
        Files.writeString(root.resolve("bin/trapdoor"), "#!/bin/sh\n");
        Files.createDirectories(root.resolve("dap-server/target"));
        Files.write(root.resolve("dap-server/target/trapdoor.jar"), new byte[] {0x50, 0x4b});
        assertEquals(Optional.of(root.toAbsolutePath().normalize()), TrapdoorHome.find(env, null));
    }

    @Test
    void thePropertyWinsOverTheEnvironment(@TempDir Path built, @TempDir Path other) throws Exception {
        Files.createDirectories(built.resolve("bin"));
        Files.writeString(built.resolve("bin/trapdoor"), "");
        Files.createDirectories(built.resolve("dap-server/target"));
        Files.writeString(built.resolve("dap-server/target/trapdoor.jar"), "");
        assertEquals(Optional.of(built.toAbsolutePath().normalize()),
                TrapdoorHome.find(Map.of(TrapdoorHome.ENV, other.toString()), built.toString()));
        assertEquals(Optional.empty(), TrapdoorHome.find(Map.of(), " "));
    }
}
