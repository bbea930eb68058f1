package dev.trapdoor.dap.cli;

import dev.trapdoor.engine.dwarf.SourceFrame;
import dev.trapdoor.engine.trap.Trap;
import dev.trapdoor.engine.trap.TrapKind;
import dev.trapdoor.engine.trap.WasmFrame;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrapReportTest {
    private static final Trap OOB = new Trap(TrapKind.MEMORY_OUT_OF_BOUNDS, "address 0x40000490, 4 bytes", 6, 0x17f,
            List.of(new WasmFrame(6, "store_far_away", 0x17f), new WasmFrame(7, "level_two", 0x18d),
                    new WasmFrame(9, null, 0x1de)));

    @Test
    void kindMessageThenFramesInnermostFirst() {
        assertEquals(List.of(
                "trapdoor: trap.wasm: wasm trap: out of bounds memory access: address 0x40000490, 4 bytes",
                "#0 0x17f in store_far_away",
                "#1 0x18d in level_two",
                "#2 0x1de in $9"), TrapReport.lines("trap.wasm", OOB, TrapReport.SourceLocator.NONE));
    }

    @Test
    void sourceLocationsAreAppendedWhenKnown() {
        List<String> lines = TrapReport.lines("t.wasm", OOB,
                f -> f.funcIndex() == 6 ? List.of(new SourceFrame("store_far_away", "trap.c", 8, 5, false))
                        : List.of());
        assertEquals("#0 0x17f in store_far_away at trap.c:8:5", lines.get(1));
        assertEquals("#1 0x18d in level_two", lines.get(2));
    }

    @Test
    void inlinedSourceFramesGetTheirOwnLines() {
        List<String> lines = TrapReport.lines("t.wasm", OOB, f -> f.funcIndex() == 6
                ? List.of(new SourceFrame("poke", "util.h", 3, 9, true),
                new SourceFrame("store_far_away", "trap.c", 8, 5, false))
                : List.of());
        assertEquals("#0 0x17f in poke at util.h:3:9 [inlined]", lines.get(1));
        assertEquals("#1 0x17f in store_far_away at trap.c:8:5", lines.get(2));
        assertEquals("#2 0x18d in level_two", lines.get(3));
    }

    @Test
    void sourceFramesShowTheQualifiedNameUnlessShortNamesAreAsked() {
        TrapReport.SourceLocator locator = f -> f.funcIndex() == 6
                ? List.of(new SourceFrame("add", "inventory.rs", 40, 9, false, "inventory::Inventory::add"))
                : List.of();
        assertEquals("#0 0x17f in inventory::Inventory::add at inventory.rs:40:9",
                TrapReport.lines("t.wasm", OOB, locator).get(1));
        assertEquals("#0 0x17f in add at inventory.rs:40:9", TrapReport.lines("t.wasm", OOB, locator, true).get(1));
    }

    @Test
    void aTrapWithoutStackStillShowsWhereItHappened() {
        Trap t = new Trap(TrapKind.UNREACHABLE, "", 3, 0x42, List.of());
        assertEquals(List.of("trapdoor: m.wasm: wasm trap: unreachable", "#0 0x42 in $3"),
                TrapReport.lines("m.wasm", t, TrapReport.SourceLocator.NONE));
        Trap host = new Trap(TrapKind.HOST_FUNCTION_FAILED, "boom", -1, -1, List.of());
        assertEquals(1, TrapReport.lines("m.wasm", host, TrapReport.SourceLocator.NONE).size());
    }

    @Test
    void crashReportIsOneLineNamingAFileWithTheStackTrace() throws Exception {
        String line = CrashReport.handle(new IllegalStateException("bad\nstate"), new String[] {"run", "x.wasm"});
        assertEquals(1, line.lines().count(), line);
        assertTrue(line.startsWith("trapdoor: internal error: java.lang.IllegalStateException: bad state"), line);
        String file = line.substring(line.indexOf("details in ") + 11, line.indexOf(';'));
        String trace = Files.readString(Path.of(file));
        assertTrue(trace.contains("at dev.trapdoor.dap.cli.TrapReportTest"), trace);
        assertTrue(trace.contains("[run, x.wasm]"));
        Files.delete(Path.of(file));
    }
}
