package dev.trapdoor.dap.cli;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.coredump.CoreFrame;
import dev.trapdoor.engine.coredump.CoreOffsets;
import dev.trapdoor.engine.coredump.Coredump;
import dev.trapdoor.engine.coredump.CoredumpReader;
import dev.trapdoor.engine.model.WasmModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code trapdoor run --coredump-on-trap FILE}: the dump of a C program's trap, with its frames' locals. */
class RunCoredumpTest {
    private static final Path TRAP = Path.of("../examples/trap.wasm");

    @TempDir
    Path tmp;

    @Test
    void aTrapWritesACoredumpWithTheWholeStack() throws Exception {
        Path core = tmp.resolve("out/core.wasm");
        Captured c = Captured.run("run", "--coredump-on-trap", core.toString(), TRAP.toString());
        assertEquals(ExitCodes.TRAP, c.status(), c.err());
        assertTrue(c.err().contains("out of bounds memory access"), c.err());
        assertTrue(c.err().endsWith("trapdoor: coredump written to " + core + "\n")
                || c.err().endsWith("trapdoor: coredump written to " + core + System.lineSeparator()), c.err());

        Coredump dump = CoredumpReader.read(Files.readAllBytes(core));
        WasmModule module = Wasm.load(Files.readAllBytes(TRAP));
        assertEquals("trap.wasm", dump.processName());
        assertEquals("MEMORY_OUT_OF_BOUNDS", dump.trap().kind());
        var functionNames = dev.trapdoor.engine.binary.NameSectionReader.read(module).functionNames();
        List<String> names = dump.frames().stream().map(f -> functionNames.get(f.funcIndex())).toList();
        assertEquals(List.of("store_far_away", "level_two", "level_one"), names.subList(0, 3), names.toString());
        CoreFrame top = dump.frames().get(0);
        assertTrue(top.locals().stream().anyMatch(v -> v.bits() == 0x10000000L),
                "store_far_away's offset parameter: " + top.locals());
        assertTrue(CoreOffsets.moduleOffset(module, top.funcIndex(), top.codeOffset()) > 0);
        assertEquals(dump.memories().get(0).minPages() * 65536, dump.memories().get(0).bytes().length);
    }

    @Test
    void noTrapNoCoredump() throws Exception {
        Path core = tmp.resolve("core.wasm");
        Captured c = Captured.run("run", "--coredump-on-trap", core.toString(), "../examples/hello.wasm");
        assertEquals(0, c.status(), c.err());
        assertFalse(Files.exists(core));
    }

    @Test
    void listenAndCoredumpDoNotGoTogether() {
        Captured c = Captured.run("run", "--listen", "0", "--coredump-on-trap", "x.wasm", TRAP.toString());
        assertEquals(ExitCodes.USAGE, c.status(), c.err());
        assertTrue(c.err().contains("--coredump-on-trap cannot be combined with --listen"), c.err());
    }
}
