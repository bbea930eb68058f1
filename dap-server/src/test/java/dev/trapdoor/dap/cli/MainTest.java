package dev.trapdoor.dap.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MainTest {
    @TempDir
    Path tmp;

    @Test
    void runHelpDocumentsEveryOptionAndExitStatus() {
        Captured c = Captured.run("run", "--help");
        assertEquals(0, c.status());
        for (String word : new String[] {"--dir", "HOST[::GUEST]", "--env", "--invoke", "PROGRAM.wasm", "ARGS",
                "134", "70"}) {
            assertTrue(c.out().contains(word), "help mentions " + word + ":\n" + c.out());
        }
    }

    @Test
    void noSubcommandIsAUsageError() {
        Captured c = Captured.run();
        assertEquals(ExitCodes.USAGE, c.status());
        assertTrue(c.err().contains("run"), c.err());
    }

    @Test
    void unknownOptionIsOneLineAndStatus2() {
        Captured c = Captured.run("run", "--bogus", "x.wasm");
        assertEquals(ExitCodes.USAGE, c.status());
        assertEquals(1, c.err().lines().count(), c.err());
        assertTrue(c.err().startsWith("trapdoor: Unknown option: '--bogus'"), c.err());
        assertTrue(c.clean());
    }

    @Test
    void missingProgramIsAUsageError() {
        Captured c = Captured.run("run");
        assertEquals(ExitCodes.USAGE, c.status());
        assertTrue(c.err().contains("PROGRAM.wasm"), c.err());
    }

    @Test
    void missingFileNamesTheFileAndExits1() {
        String missing = tmp.resolve("nope.wasm").toString();
        Captured c = Captured.run("run", missing);
        assertEquals(ExitCodes.BAD_INPUT, c.status());
        assertEquals("trapdoor: " + missing + ": no such file\n", c.err());
    }

    /** {@code return_call 0} at module offset 0x17: a valid module using tail calls. */
    static final byte[] ATOMIC_FENCE = {0, 'a', 's', 'm', 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0, 3, 2, 1, 0,
            0x0A, 7, 1, 5, 0, (byte) 0xFE, 3, 0, 0x0B};

    @Test
    void unsupportedFeatureIsNamedWithItsOffsetAndExits1() throws Exception {
        Path wasm = Files.write(tmp.resolve("fence.wasm"), ATOMIC_FENCE);
        Captured c = Captured.run("run", wasm.toString());
        assertEquals(ExitCodes.BAD_INPUT, c.status());
        assertEquals("trapdoor: " + wasm + ": not supported: threads at offset 0x17 (instruction 0xfe 3)\n", c.err());
        assertTrue(c.clean());
    }

    @Test
    void aDirectoryIsNotAProgram() {
        Captured c = Captured.run("run", tmp.toString());
        assertEquals(ExitCodes.BAD_INPUT, c.status());
        assertEquals("trapdoor: " + tmp + ": is a directory\n", c.err());
    }

    @Test
    void missingPreopenDirectoryExits1BeforeLoading() throws Exception {
        Path wasm = Files.write(tmp.resolve("m.wasm"), new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
        Captured c = Captured.run("run", "--dir", tmp.resolve("absent").toString(), wasm.toString());
        assertEquals(ExitCodes.BAD_INPUT, c.status());
        assertTrue(c.err().contains("absent: no such directory"), c.err());
        assertEquals(1, c.err().lines().count());
    }

    @Test
    void badEnvAndDirSpecsAreUsageErrors() {
        assertEquals(ExitCodes.USAGE, Captured.run("run", "--env", "=v", "x.wasm").status());
        assertEquals(ExitCodes.USAGE, Captured.run("run", "--dir", "::guest", "x.wasm").status());
    }

    @Test
    void versionIsPrinted() {
        Captured c = Captured.run("--version");
        assertEquals(0, c.status());
        assertTrue(c.out().startsWith("trapdoor "), c.out());
    }
}
