package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.debug.DebugEvent;
import dev.trapdoor.engine.debug.DebugFrame;
import dev.trapdoor.engine.debug.Resume;
import dev.trapdoor.engine.dwarf.BreakpointResolution;
import dev.trapdoor.engine.dwarf.SourceLocation;
import dev.trapdoor.engine.dwarf.SourceMap;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.wasi.WasiConfig;
import dev.trapdoor.engine.wasi.WasiImports;
import dev.trapdoor.engine.wasi.WasiPreview1;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Record and replay on a C program that reads the clock, random bytes and a file
 * ({@code dap-server/src/test/c/replay/replay.c}): going back restores the state exactly, and running forward again
 * replays the host's answers from the log, so every value matches the recorded run even though the clock moved on,
 * the random source would give other bytes and the file is gone.
 */
class RecordingTest {
    private static final Path WASM = Path.of("src/test/resources/replay/replay.wasm");
    private static final Path SOURCE = Path.of("../dap-server/src/test/c/replay/replay.c");

    @TempDir
    Path dir;

    private final List<Throwable> failures = new ArrayList<>();

    private final class Run {
        final WasmModule module;
        final Store store;
        final Instance instance;
        final Debugger debugger;
        final SourceMap map;
        final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        Recording recording;

        Run(long interval, TranslationLevel level) throws IOException {
            module = Wasm.load(Files.readAllBytes(WASM));
            store = new Store(EngineConfig.DEFAULT.withTranslation(level));
            WasiPreview1 wasi = new WasiPreview1(WasiConfig.builder().arg("replay").stdout(stdout)
                    .stderr(new ByteArrayOutputStream()).preopen(dir, ".").build());
            instance = store.instantiate(module, new WasiImports(store, wasi));
            debugger = store.debugger();
            map = SourceMap.of(module);
            recording = debugger.record(instance, interval, Recording.DEFAULT_BUDGET_BYTES, true);
            recording.lines((f, offset) -> map.locate(offset).filter(l -> l.line() > 0).map(l -> (long) l.line()).orElse(-1L));
        }

        void breakAt(String marker) throws IOException {
            BreakpointResolution r = map.resolve("replay.c", line(marker));
            assertTrue(r.resolved(), marker);
            for (int offset : r.moduleOffsets()) {
                debugger.addBreakpoint(instance, offset);
            }
        }

        void run(BiFunction<DebugEvent, List<DebugFrame>, Resume> atStop) {
            debugger.setHandler((event, frames) -> {
                try {
                    return atStop.apply(event, frames);
                } catch (Throwable t) {
                    failures.add(t);
                    return Resume.TERMINATE;
                }
            });
            try {
                instance.invoke("_start");
            } catch (dev.trapdoor.engine.wasi.WasiExit exit) {
                assertEquals(0, exit.exitCode());
            } catch (dev.trapdoor.engine.debug.DebugTerminated t) {
                // a failure above ended the run
            }
            if (!failures.isEmpty()) {
                Throwable first = failures.get(0);
                throw first instanceof AssertionError e ? e : new AssertionError(first);
            }
        }

        byte[] memory() {
            MemoryInstance m = instance.memory();
            return m.read(0, m.byteSize());
        }

        int lineOf(List<DebugFrame> frames) {
            return map.locate(frames.get(0).moduleOffset()).map(SourceLocation::line).orElse(-1);
        }
    }

    /** At both levels: on the optimized one, the recording runs the fused code until the first step back. */
    @ParameterizedTest
    @EnumSource(TranslationLevel.class)
    void steppingBackAndReplayingGiveTheRecordedClockRandomBytesAndFile(TranslationLevel level) throws IOException {
        Files.writeString(dir.resolve("input.txt"), "recorded text");
        Run run = new Run(2_000, level);
        run.breakAt("@print");
        byte[][] atEntry = new byte[1][];
        byte[][] atPrint = new byte[1][];
        long[] printPosition = new long[1];
        int[] stop = {0};
        List<Integer> backLines = new ArrayList<>();
        run.run((event, frames) -> {
            Recording rec = run.recording;
            switch (stop[0]++) {
                case 0 -> {
                    assertInstanceOf(DebugEvent.Entry.class, event);
                    atEntry[0] = run.memory();
                    return Resume.CONTINUE;
                }
                case 1 -> {
                    assertInstanceOf(DebugEvent.BreakpointHit.class, event);
                    assertEquals(line("@print"), run.lineOf(frames));
                    atPrint[0] = run.memory();
                    printPosition[0] = rec.position() - 1;
                    assertTrue(rec.snapshotCount() > 2, "snapshots every 2000 instructions: " + rec.snapshotCount() + " at " + rec.position());
                    assertTrue(rec.loggedCalls() >= 3, "clock, random and file calls logged: " + rec.loggedCalls());
                    deleteInput();
                    return Resume.STEP_BACK;
                }
                default -> {
                    // Back line by line until main's first line: each stop is an earlier line, in main.
                    if (stop[0] <= 40 && !(backLines.contains(line("@clock")))) {
                        assertInstanceOf(DebugEvent.Step.class, event);
                        int line = run.lineOf(frames);
                        backLines.add(line);
                        assertTrue(rec.position() - 1 < printPosition[0]);
                        if (line != line("@clock")) {
                            return Resume.STEP_BACK;
                        }
                        // Before the clock call: nothing read yet, in memory.
                        assertNotEquals(Arrays.hashCode(atPrint[0]), Arrays.hashCode(run.memory()));
                        return Resume.REVERSE_CONTINUE;
                    }
                    return afterBack(run, event, frames, stop, atEntry[0], atPrint[0], printPosition[0]);
                }
            }
        });
        // Each of the 8 iterations' line is stepped back over once, then the lines before the loop in reverse.
        assertEquals(8, backLines.stream().filter(l -> l == line("@sum")).count(), backLines.toString());
        List<Integer> distinct = dropRepeats(backLines);
        assertEquals(List.of(line("@read"), line("@open"), line("@random"), line("@clock")),
                distinct.subList(distinct.size() - 4, distinct.size()), backLines.toString());
        String out = run.stdout.toString(StandardCharsets.UTF_8);
        assertTrue(out.endsWith(" 13 recorded text\n"), "the file's text comes from the log: " + out);
        assertEquals(1, out.lines().count(), "output is written once: " + out);
    }

    private int reverse;

    /** After the line steps back: reverse continue to the start, forward to print again, one instruction back. */
    private Resume afterBack(Run run, DebugEvent event, List<DebugFrame> frames, int[] stop, byte[] atEntry,
                             byte[] atPrint, long printPosition) {
        Recording rec = run.recording;
        switch (reverse++) {
            case 0 -> {
                // No breakpoint before: the start of the recording, with memory as it was at entry.
                assertInstanceOf(DebugEvent.Step.class, event);
                assertEquals(1, rec.position(), "at the first instruction");
                assertArrayEquals(atEntry, run.memory());
                return Resume.CONTINUE;
            }
            case 1 -> {
                assertInstanceOf(DebugEvent.BreakpointHit.class, event);
                assertEquals(printPosition, rec.position() - 1);
                assertArrayEquals(atPrint, run.memory(), "clock, random bytes and file text replayed exactly");
                return Resume.STEP_BACK_INSTRUCTION;
            }
            case 2 -> {
                assertInstanceOf(DebugEvent.Step.class, event);
                assertEquals(printPosition - 1, rec.position() - 1);
                return Resume.REVERSE_CONTINUE;
            }
            case 3 -> {
                // A breakpoint on an earlier line is where a reverse continue stops; restart main from here.
                assertInstanceOf(DebugEvent.Step.class, event);
                assertEquals(1, rec.position());
                return Resume.CONTINUE;
            }
            default -> {
                assertInstanceOf(DebugEvent.BreakpointHit.class, event);
                assertArrayEquals(atPrint, run.memory());
                run.debugger.removeBreakpoint(run.debugger.breakpoints().get(0));
                return Resume.CONTINUE;
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TranslationLevel.class)
    void restartFrameWithARecordingRollsBackMemoryAndGlobals(TranslationLevel level) throws IOException {
        Files.writeString(dir.resolve("input.txt"), "abc");
        Run run = new Run(5_000, level);
        run.breakAt("@print");
        byte[][] atPrint = new byte[1][];
        int[] stop = {0};
        int[] mainIndex = {-1};
        run.run((event, frames) -> {
            switch (stop[0]++) {
                case 0 -> {
                    return Resume.CONTINUE;
                }
                case 1 -> {
                    atPrint[0] = run.memory();
                    for (int i = 0; i < frames.size(); i++) {
                        if ("__original_main".equals(frames.get(i).functionName())) {
                            mainIndex[0] = i;
                            break;
                        }
                    }
                    assertTrue(mainIndex[0] >= 0, frames.stream().map(DebugFrame::functionName).toList().toString());
                    assertNull(run.debugger.whyNotRestartable(mainIndex[0]));
                    deleteInput();
                    return Resume.restartFrame(mainIndex[0]);
                }
                case 2 -> {
                    assertInstanceOf(DebugEvent.Step.class, event);
                    assertEquals(3, frames.size(), "main's frame is the innermost again");
                    // The globals main set are rolled back: memory differs from the stop at print.
                    assertNotEquals(Arrays.hashCode(atPrint[0]), Arrays.hashCode(run.memory()));
                    return Resume.CONTINUE;
                }
                default -> {
                    assertInstanceOf(DebugEvent.BreakpointHit.class, event);
                    assertArrayEquals(atPrint[0], run.memory(), "the second run of main read the logged inputs");
                    run.debugger.removeBreakpoint(run.debugger.breakpoints().get(0));
                    return Resume.CONTINUE;
                }
            }
        });
        assertTrue(run.stdout.toString(StandardCharsets.UTF_8).endsWith(" 3 abc\n"));
    }

    @Test
    void recordingNeedsTheExactTranslation() throws IOException {
        Store store = new Store(EngineConfig.DEFAULT);
        Instance instance = store.instantiate(Wasm.load(Files.readAllBytes(WASM)), new WasiImports(store,
                new WasiPreview1(WasiConfig.builder().build())));
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> store.debugger().record(instance, 1000, 1 << 20));
        assertTrue(e.getMessage().contains("exact translation"), e.getMessage());
        assertEquals("the program is not being recorded (launch it with recording on)",
                store.debugger().whyNotBack());
    }

    private void deleteInput() {
        try {
            Files.delete(dir.resolve("input.txt"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<Integer> dropRepeats(List<Integer> lines) {
        List<Integer> out = new ArrayList<>();
        for (int l : lines) {
            if (out.isEmpty() || out.get(out.size() - 1) != l) {
                out.add(l);
            }
        }
        return out;
    }

    static int line(String marker) {
        try {
            List<String> lines = Files.readAllLines(SOURCE);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains("// " + marker)) {
                    return i + 1;
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        throw new AssertionError("no marker " + marker);
    }
}
