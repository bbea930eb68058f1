package dev.trapdoor.dap.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code trapdoor run}: demangled names in trap reports, and {@code --trace-wasi}. */
class RunTraceAndNamesTest {
    private static final String MANGLED = "../integration-tests/fixtures/mangled.wasm";

    @TempDir
    Path tmp;

    @Test
    void trapReportsShowDemangledNames() {
        Captured c = Captured.run("run", MANGLED);
        assertEquals(ExitCodes.TRAP, c.status(), c.err());
        List<String> lines = c.err().lines().toList();
        assertTrue(lines.get(1).endsWith(" in shop::Inventory::add(Item const&, int)"), c.err());
        assertTrue(lines.get(2).endsWith(" in stdio::main"), c.err());
        assertTrue(lines.get(3).endsWith(" in _start"), c.err());
    }

    @Test
    void traceWasiPrintsEachCallDecodedWithResultAndCaller() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("out"));
        Captured c = Captured.run("run", "--trace-wasi", "--dir", out + "::/out", "../examples/hello.wasm", "3");
        assertEquals(3, c.status(), c.err());
        String real = out.toRealPath().toString();
        List<String> trace = c.err().lines().filter(l -> l.startsWith("[wasi] ")).toList();
        assertTrue(trace.stream().anyMatch(l -> l.matches("\\[wasi] args_sizes_get\\(\\[2], \\[\\d+]\\) = 0 SUCCESS"
                + "  <- \\S+ @0x[0-9a-f]+")), c.err());
        assertTrue(trace.stream().anyMatch(l -> l.startsWith("[wasi] fd_write(1<stdout>, \"argc=2\\n\", ")
                && l.contains(" = 0 SUCCESS")), c.err());
        assertTrue(trace.stream().anyMatch(l -> l.startsWith("[wasi] path_open(3<" + real + ">, SYMLINK_FOLLOW, "
                + "\"hello.txt\", O_CREAT|O_TRUNC, ") && l.contains(" = 0 SUCCESS")), c.err());
        assertTrue(trace.stream().anyMatch(l -> l.startsWith("[wasi] fd_prestat_get(4, ")
                && l.contains(" = 8 EBADF")), c.err());
        assertTrue(trace.get(trace.size() - 1).startsWith("[wasi] proc_exit(3) = 0 SUCCESS"), c.err());
        // Without the option nothing is traced.
        Captured quiet = Captured.run("run", "--dir", out + "::/out", "../examples/hello.wasm", "3");
        assertTrue(quiet.err().lines().noneMatch(l -> l.startsWith("[wasi]")), quiet.err());
    }

    @Test
    void stdioTypeMistakesAreUsageErrors() {
        Captured c = Captured.run("run", "--stdio-type", "5=tty", MANGLED);
        assertEquals(ExitCodes.USAGE, c.status());
        assertTrue(c.err().contains("--stdio-type 5=tty"), c.err());
        assertTrue(c.clean());
    }
}
