package dev.trapdoor.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code bin/trapdoor run} against the committed example modules. */
class RunCommandIT {
    @TempDir
    Path tmp;

    private static void assertNoJavaStackTrace(Trapdoor.Result r) {
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception in thread"), r.describe());
    }

    @Test
    void theWasm64KernelPrintsWhatItPrintsNatively() throws Exception {
        // wasm64.expected is the native build's output (examples/build-wasm64.sh).
        String expected = Files.readString(Trapdoor.example("wasm64.expected"));
        Trapdoor.Result r = Trapdoor.run("run", "--invoke", "run", Trapdoor.example("wasm64.wasm").toString());
        assertEquals(0, r.status(), r.describe());
        assertEquals(expected, r.out(), r.describe());
        assertNoJavaStackTrace(r);
    }

    @Test
    void helloPrintsArgsAndEnvWritesThePreopenAndExitsWithItsCode() throws Exception {
        Trapdoor.Result r = Trapdoor.run("run", "--dir", tmp + "::/out", "--env", "GREETING=hi there",
                Trapdoor.example("hello.wasm").toString(), "7", "second arg");
        assertEquals(7, r.status(), r.describe());
        assertEquals(List.of("argc=3", "argv[0]=" + Trapdoor.example("hello.wasm"), "argv[1]=7",
                "argv[2]=second arg", "GREETING=hi there", "wrote /out/hello.txt"), r.out().lines().toList());
        assertEquals("hello from wasm\n", Files.readString(tmp.resolve("hello.txt")));
        assertNoJavaStackTrace(r);
    }

    @Test
    void helloWithoutArgumentsExitsZeroAndSeesNoHostEnvironment() throws Exception {
        Trapdoor.Result r = Trapdoor.run("run", "--dir", tmp + "::/out", Trapdoor.example("hello.wasm").toString());
        assertEquals(0, r.status(), r.describe());
        assertTrue(r.out().contains("GREETING=(unset)"), r.describe());
    }

    @Test
    void theGuestCannotWriteOutsideItsPreopen() throws Exception {
        Path inner = Files.createDirectory(tmp.resolve("inner"));
        Trapdoor.Result r = Trapdoor.run("run", "--dir", inner + "::/out", "--env", "OUT_DIR=/out/..",
                Trapdoor.example("hello.wasm").toString());
        assertEquals(0, r.status(), r.describe());
        assertTrue(r.err().contains("cannot write /out/../hello.txt"), r.describe());
        assertFalse(Files.exists(tmp.resolve("hello.txt")));
        try (var s = Files.list(inner)) {
            assertEquals(0, s.count());
        }
    }

    @Test
    void withoutDirTheGuestSeesNoFiles() throws Exception {
        Trapdoor.Result r = Trapdoor.run("run", Trapdoor.example("hello.wasm").toString());
        assertEquals(0, r.status(), r.describe());
        assertTrue(r.err().contains("cannot write /out/hello.txt"), r.describe());
    }

    private static final Pattern FRAME = Pattern.compile(
            "#(\\d+) 0x[0-9a-f]+ in (\\S+)( at \\S+:\\d+(:\\d+)?)?( \\[inlined])?");

    @Test
    void aTrapPrintsKindAndNamedFramesInnermostFirstAndExits134() throws Exception {
        Trapdoor.Result r = Trapdoor.run("run", Trapdoor.example("trap.wasm").toString());
        assertEquals(134, r.status(), r.describe());
        assertEquals("about to trap\n", r.out());
        List<String> lines = r.errLines();
        assertTrue(lines.get(0).startsWith("trapdoor: " + Trapdoor.example("trap.wasm") + ": wasm trap: "
                + "out of bounds memory access"), r.describe());
        List<String> names = lines.subList(1, lines.size()).stream().map(l -> {
            var m = FRAME.matcher(l);
            assertTrue(m.matches(), "frame line: " + l);
            return m.group(2);
        }).toList();
        assertEquals(Arrays.asList("store_far_away", "level_two", "level_one"), names.subList(0, 3), r.describe());
        assertTrue(names.contains("_start"), r.describe());
        for (int i = 1; i < lines.size(); i++) {
            assertTrue(lines.get(i).startsWith("#" + (i - 1) + " "), lines.get(i));
        }
        // DWARF: the innermost frame names the C line of the store, found by its comment rather than hard-coded.
        List<String> source = java.nio.file.Files.readAllLines(Trapdoor.example("trap.c"));
        int storeLine = 1 + java.util.stream.IntStream.range(0, source.size())
                .filter(i -> source.get(i).contains("far past the end of linear memory")).findFirst().orElseThrow();
        assertTrue(lines.get(1).contains(" at examples/trap.c:" + storeLine + ":"), r.describe());
        assertNoJavaStackTrace(r);
    }

    @Test
    void aRustPanicReportNamesFramesByQualifiedNameOrByShortNameWhenAsked() throws Exception {
        String program = Trapdoor.example("inventory-debug.wasm").toString();
        Trapdoor.Result qualified = Trapdoor.run("run", program, "panic");
        assertEquals(134, qualified.status(), qualified.describe());
        assertTrue(qualified.errLines().stream().anyMatch(l -> l.matches("#\\d+ 0x[0-9a-f]+ in inventory::main at "
                + "examples/inventory.rs:\\d+:\\d+")), qualified.describe());
        assertTrue(qualified.errLines().stream().anyMatch(l -> l.contains(" in core::panicking::panic_bounds_check")),
                qualified.describe());
        Trapdoor.Result shortNames = Trapdoor.run("run", "--short-names", program, "panic");
        assertEquals(134, shortNames.status(), shortNames.describe());
        assertTrue(shortNames.errLines().stream().anyMatch(l -> l.matches("#\\d+ 0x[0-9a-f]+ in main at "
                + "examples/inventory.rs:\\d+:\\d+")), shortNames.describe());
        assertFalse(shortNames.errLines().stream().anyMatch(l -> l.contains("inventory::main")), shortNames.describe());
        assertNoJavaStackTrace(qualified);
    }

    @Test
    void damagedDebugInfoStillGivesTheTrapReportWithAWarning() throws Exception {
        byte[] wasm = Files.readAllBytes(Trapdoor.example("trap.wasm"));
        int[] range = customSection(wasm, ".debug_line");
        Arrays.fill(wasm, range[0], range[0] + Math.min(64, range[1]), (byte) 0xFF);
        Path damaged = tmp.resolve("damaged.wasm");
        Files.write(damaged, wasm);
        Trapdoor.Result r = Trapdoor.run("run", damaged.toString());
        assertEquals(134, r.status(), r.describe());
        List<String> lines = r.errLines();
        assertTrue(lines.get(1).startsWith("#0 0x17f in store_far_away"), r.describe());
        assertFalse(lines.get(1).contains(" at "), "no source position from a damaged line table: " + r.describe());
        assertTrue(lines.get(lines.size() - 1).startsWith("trapdoor: warning: " + damaged + ": debug info: "),
                r.describe());
        assertNoJavaStackTrace(r);
    }

    /** Payload offset and length of a custom section, walking the module's sections. */
    private static int[] customSection(byte[] wasm, String name) {
        int pos = 8;
        while (pos < wasm.length) {
            int id = wasm[pos++];
            long size = 0;
            for (int shift = 0; ; shift += 7) {
                int b = wasm[pos++] & 0xFF;
                size |= (long) (b & 0x7F) << shift;
                if (b < 0x80) {
                    break;
                }
            }
            int end = pos + (int) size;
            if (id == 0) {
                int nameLength = wasm[pos] & 0xFF;
                String sectionName = new String(wasm, pos + 1, nameLength, java.nio.charset.StandardCharsets.UTF_8);
                if (sectionName.equals(name)) {
                    int payload = pos + 1 + nameLength;
                    return new int[]{payload, end - payload};
                }
            }
            pos = end;
        }
        throw new IllegalArgumentException("no custom section " + name);
    }

    @Test
    void invokeCallsAnExportAndPrintsItsResults() throws Exception {
        String fib = Trapdoor.example("fib.wasm").toString();
        Trapdoor.Result r = Trapdoor.run("run", "--invoke", "fib", fib, "50");
        assertEquals(0, r.status(), r.describe());
        assertEquals("12586269025\n", r.out());
        Trapdoor.Result before = Trapdoor.run("run", "--invoke", "fib", "0xa", fib);
        assertEquals("55\n", before.out(), before.describe());
        Trapdoor.Result add = Trapdoor.run("run", "--invoke", "add", fib, "1.5", "2.25");
        assertEquals("3.75\n", add.out(), add.describe());
    }

    @Test
    void invokeMistakesAreUsageErrors() throws Exception {
        String fib = Trapdoor.example("fib.wasm").toString();
        Trapdoor.Result missing = Trapdoor.run("run", "--invoke", "nope", fib);
        assertEquals(2, missing.status(), missing.describe());
        assertEquals(1, missing.errLines().size(), missing.describe());
        Trapdoor.Result count = Trapdoor.run("run", "--invoke", "fib", fib);
        assertEquals(2, count.status(), count.describe());
        Trapdoor.Result notNumber = Trapdoor.run("run", "--invoke", "fib", fib, "ten");
        assertEquals(2, notNumber.status(), notNumber.describe());
        assertTrue(notNumber.err().contains("\"ten\" is not an i32"), notNumber.describe());
    }

    @Test
    void malformedModuleNamesFileAndOffsetAndExits1() throws Exception {
        byte[] hello = Files.readAllBytes(Trapdoor.example("hello.wasm"));
        Path bad = Files.write(tmp.resolve("truncated.wasm"), Arrays.copyOf(hello, 40));
        Trapdoor.Result r = Trapdoor.run("run", bad.toString());
        assertEquals(1, r.status(), r.describe());
        assertEquals(1, r.errLines().size(), r.describe());
        assertTrue(r.err().startsWith("trapdoor: " + bad + ": malformed module at offset 0x"), r.describe());
        Path notWasm = Files.writeString(tmp.resolve("text.wasm"), "hello");
        Trapdoor.Result r2 = Trapdoor.run("run", notWasm.toString());
        assertEquals(1, r2.status(), r2.describe());
        assertTrue(r2.err().startsWith("trapdoor: " + notWasm + ": malformed module at offset 0x"), r2.describe());
    }

    @Test
    void unsupportedFeatureIsNamedNotMalformedAndExits1() throws Exception {
        // atomic.fence at module offset 0x17: a valid module using threads.
        byte[] tailCall = {0, 'a', 's', 'm', 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0, 3, 2, 1, 0, 0x0A, 7, 1, 5, 0, (byte) 0xFE,
                3, 0, 0x0B};
        Path wasm = Files.write(tmp.resolve("tail.wasm"), tailCall);
        Trapdoor.Result r = Trapdoor.run("run", wasm.toString());
        assertEquals(1, r.status(), r.describe());
        assertEquals(List.of("trapdoor: " + wasm + ": not supported: threads at offset 0x17 (instruction 0xfe 3)"),
                r.errLines());
    }

    @Test
    void missingFileExits1() throws Exception {
        Trapdoor.Result r = Trapdoor.run("run", tmp.resolve("absent.wasm").toString());
        assertEquals(1, r.status(), r.describe());
        assertEquals(List.of("trapdoor: " + tmp.resolve("absent.wasm") + ": no such file"), r.errLines());
    }

    @Test
    void usageErrorsExit2AndHelpExits0() throws Exception {
        Trapdoor.Result unknown = Trapdoor.run("run", "--frobnicate", "x.wasm");
        assertEquals(2, unknown.status(), unknown.describe());
        assertEquals(1, unknown.errLines().size(), unknown.describe());
        assertEquals(2, Trapdoor.run("run").status());
        assertEquals(2, Trapdoor.run().status());
        Trapdoor.Result help = Trapdoor.run("run", "--help");
        assertEquals(0, help.status(), help.describe());
        assertTrue(help.out().contains("--invoke") && help.out().contains("--dir") && help.out().contains("--env"));
    }

    @Test
    void everyTierPrintsOnlyTheGuestsOutput() throws Exception {
        // bin/trapdoor gives `run` per-method JIT commands, one of them (the interpreter loop left to C1) in every tier
        // but the interpreter: with or without it the JVM must echo nothing on stdout, and the guest must compute the
        // same.
        for (String tier : List.of("interpreter", "tiered", "compiled")) {
            Trapdoor.Result r = Trapdoor.run("run", "--tier", tier, "--invoke", "fib",
                    Trapdoor.example("fib.wasm").toString(), "20");
            assertEquals(0, r.status(), tier + ": " + r.describe());
            assertEquals("6765\n", r.out(), tier + ": " + r.describe());
            assertNoJavaStackTrace(r);
        }
    }

    @Test
    void theLauncherWorksFromAnyDirectory() throws Exception {
        Files.copy(Trapdoor.example("fib.wasm"), tmp.resolve("fib.wasm"));
        Trapdoor.Result r = Trapdoor.runIn(tmp, "run", "--invoke", "fib", "fib.wasm", "10");
        assertEquals(0, r.status(), r.describe());
        assertEquals("55\n", r.out());
    }
}
