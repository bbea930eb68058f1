package dev.trapdoor.it;

import org.eclipse.lsp4j.debug.DisassembleArguments;
import org.eclipse.lsp4j.debug.DisassembledInstruction;
import org.eclipse.lsp4j.debug.FunctionBreakpoint;
import org.eclipse.lsp4j.debug.SetFunctionBreakpointsArguments;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.TerminateArguments;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Over DAP (stdio, the packaged server): frames, disassembly symbols and function breakpoints use demangled names
 * (fixtures/mangled.wat names its functions with C++ and Rust v0 symbols), and {@code traceWasi} sends one console
 * line per WASI call.
 */
class DapNamesAndWasiTraceIT {
    private static final Path MANGLED = Trapdoor.ROOT.resolve("integration-tests/fixtures/mangled.wasm");
    private final List<Process> processes = new ArrayList<>();

    private DapClient open() throws Exception {
        Process p = new ProcessBuilder(Trapdoor.LAUNCHER.toString(), "dap").directory(Trapdoor.ROOT.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(new File(System.getProperty("java.io.tmpdir"),
                        "trapdoor-dap-it.log")))
                .start();
        processes.add(p);
        return DapClient.over(p);
    }

    @AfterEach
    void stop() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void aFunctionBreakpointByPartOfTheDemangledNameStopsThereAndFramesAreDemangled() throws Exception {
        try (DapClient c = open()) {
            c.start(DapClient.launchArgs(MANGLED), () -> {
                try {
                    SetFunctionBreakpointsArguments f = new SetFunctionBreakpointsArguments();
                    FunctionBreakpoint fb = new FunctionBreakpoint();
                    fb.setName("Inventory::add");
                    f.setBreakpoints(new FunctionBreakpoint[] {fb});
                    assertTrue(DapClient.get(c.server.setFunctionBreakpoints(f)).getBreakpoints()[0].isVerified());
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            assertEquals("function breakpoint", c.awaitStopped().getReason());
            StackFrame[] frames = c.frames();
            assertEquals(List.of("shop::Inventory::add(Item const&, int)", "stdio::main", "_start"),
                    Arrays.stream(frames).map(StackFrame::getName).toList());
            DisassembleArguments d = new DisassembleArguments();
            d.setMemoryReference(frames[0].getInstructionPointerReference());
            d.setInstructionOffset(-12);
            d.setInstructionCount(16);
            DisassembledInstruction[] ins = DapClient.get(c.server.disassemble(d)).getInstructions();
            // The first instruction of each function carries its name.
            List<String> symbols = Arrays.stream(ins).map(DisassembledInstruction::getSymbol)
                    .filter(java.util.Objects::nonNull).toList();
            assertTrue(symbols.contains("shop::Inventory::add(Item const&, int)"), symbols.toString());
            assertTrue(symbols.contains("stdio::main"), symbols.toString());
            DapClient.get(c.server.terminate(new TerminateArguments()));
            c.awaitEvent("terminated", b -> true);
        }
    }

    @Test
    void aFunctionBreakpointOnAWasiImportStopsBeforeEachCall() throws Exception {
        try (DapClient c = open()) {
            org.eclipse.lsp4j.debug.Breakpoint[] placed = new org.eclipse.lsp4j.debug.Breakpoint[2];
            c.start(DapClient.launchArgs(Trapdoor.example("hello.wasm")), () -> {
                try {
                    SetFunctionBreakpointsArguments f = new SetFunctionBreakpointsArguments();
                    FunctionBreakpoint write = new FunctionBreakpoint();
                    write.setName("wasi_snapshot_preview1.fd_write");
                    FunctionBreakpoint absent = new FunctionBreakpoint();
                    absent.setName("sock_accept");
                    f.setBreakpoints(new FunctionBreakpoint[] {write, absent});
                    System.arraycopy(DapClient.get(c.server.setFunctionBreakpoints(f)).getBreakpoints(), 0,
                            placed, 0, 2);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            assertTrue(placed[0].isVerified(), placed[0].getMessage());
            assertTrue(placed[0].getMessage().contains("direct calls to the import"), placed[0].getMessage());
            assertEquals(false, placed[1].isVerified());
            assertEquals("function breakpoint", c.awaitStopped().getReason());
            StackFrame top = c.top();
            DisassembleArguments d = new DisassembleArguments();
            d.setMemoryReference(top.getInstructionPointerReference());
            d.setInstructionCount(1);
            String text = DapClient.get(c.server.disassemble(d)).getInstructions()[0].getInstruction();
            assertTrue(text.startsWith("call "), text); // stopped before the host call
            assertEquals("", c.output("stdout")); // nothing written yet
            org.eclipse.lsp4j.debug.Variable[] call = c.scope(top.getId(), "WASI call");
            assertEquals("wasi_snapshot_preview1.fd_write", DapClient.value(call, "function"));
            assertEquals("1", DapClient.value(call, "0: fd"));
            assertTrue(DapClient.value(call, "1: iovs").startsWith("\"argc=1\\n\""), DapClient.value(call, "1: iovs"));
            assertTrue(DapClient.value(call, "2: out32").startsWith("0x"), DapClient.value(call, "2: out32"));
            c.cont();
            assertEquals("function breakpoint", c.awaitStopped().getReason());
            assertTrue(c.output("stdout").startsWith("argc=1"), c.output("stdout"));
            DapClient.get(c.server.terminate(new TerminateArguments()));
            c.awaitEvent("terminated", b -> true);
        }
    }

    @Test
    void traceWasiSendsOneConsoleLinePerCall() throws Exception {
        try (DapClient c = open()) {
            Map<String, Object> launch = DapClient.launchArgs(Trapdoor.example("hello.wasm"), "5");
            launch.put("traceWasi", true);
            c.start(launch, () -> {
            });
            assertEquals(5, c.exitCode());
            String console = c.output("console");
            assertTrue(console.contains("[wasi] fd_write(1<stdout>, \"argc=2\\n\", "), console);
            assertTrue(console.lines().anyMatch(l -> l.startsWith("[wasi] proc_exit(5) = 0 SUCCESS  <- ")), console);
            assertTrue(c.output("stdout").contains("argc=2"), c.output("stdout"));
        }
    }
}
