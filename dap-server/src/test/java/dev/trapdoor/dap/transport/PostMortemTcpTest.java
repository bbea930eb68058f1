package dev.trapdoor.dap.transport;

import org.eclipse.lsp4j.debug.ConfigurationDoneArguments;
import org.eclipse.lsp4j.debug.ContinueArguments;
import org.eclipse.lsp4j.debug.EvaluateArguments;
import org.eclipse.lsp4j.debug.ExitedEventArguments;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;
import org.eclipse.lsp4j.debug.NextArguments;
import org.eclipse.lsp4j.debug.OutputEventArguments;
import org.eclipse.lsp4j.debug.ReadMemoryArguments;
import org.eclipse.lsp4j.debug.Scope;
import org.eclipse.lsp4j.debug.ScopesArguments;
import org.eclipse.lsp4j.debug.SetVariableArguments;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StackTraceArguments;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.TerminateArguments;
import org.eclipse.lsp4j.debug.TerminatedEventArguments;
import org.eclipse.lsp4j.debug.Variable;
import org.eclipse.lsp4j.debug.VariablesArguments;
import org.eclipse.lsp4j.debug.WriteMemoryArguments;
import org.eclipse.lsp4j.debug.launch.DSPLauncher;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;
import org.eclipse.lsp4j.debug.services.IDebugProtocolServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Post-mortem debugging over DAP with a real client: a C program's trap writes a coredump ({@code coredumpOnTrap}),
 * and a second session opens it ({@code coredump}) stopped at the trap with the C frames, variables (DWARF) and
 * memory of the dump; whatever would run or change the program is refused with a sentence.
 */
class PostMortemTcpTest extends TcpServerTest {
    private static final Path TRAP = Path.of("../examples/trap.wasm").toAbsolutePath().normalize();
    private static final Path TRAP_C = Path.of("../examples/trap.c").toAbsolutePath().normalize();

    @Test
    void aTrappedRunsCoredumpOpensAtTheTrapReadOnly() throws Exception {
        Path core = tmp.resolve("core.wasm");
        try (DapTestClient run = new DapTestClient(server)) {
            run.launch(Map.of("program", TRAP.toString(), "coredumpOnTrap", "core.wasm"));
            assertEquals(134, run.exited.get(30, TimeUnit.SECONDS).getExitCode());
            run.terminated.get(30, TimeUnit.SECONDS);
            assertTrue(run.output().contains("trapdoor: coredump written to " + core), run.output());
        }
        assertTrue(Files.size(core) > 0);

        try (DapTestClient dump = new DapTestClient(server)) {
            dump.launch(Map.of("program", TRAP.toString(), "coredump", core.toString(), "cwd", tmp.toString()));
            StoppedEventArguments stop = dump.stopped.get(30, TimeUnit.SECONDS);
            assertEquals("exception", stop.getReason());
            assertTrue(stop.getText().startsWith("out of bounds memory access"), stop.getText());

            StackFrame[] frames = dump.frames();
            assertEquals(List.of("store_far_away", "level_two", "level_one", "main"), Arrays.stream(frames)
                    .limit(4).map(StackFrame::getName).toList());
            assertEquals(TRAP_C.toString(), frames[0].getSource().getPath());
            assertEquals(line("base[offset] = 42"), frames[0].getLine());

            Variable[] locals = dump.scope(frames[0].getId(), "Locals");
            assertEquals("268435456", value(locals, "offset"), "the C parameter, through DWARF");
            assertEquals("268435456", dump.evaluate("offset", frames[0].getId()).getResult());
            String base = dump.evaluate("(unsigned)base", frames[0].getId()).getResult();
            String cell = dump.evaluate("(unsigned)&cell", frames[1].getId()).getResult();
            assertEquals(cell, base, "level_two passed &cell");

            ReadMemoryArguments read = new ReadMemoryArguments();
            read.setMemoryReference("mem:0@0x0");
            read.setOffset(Integer.parseInt(cell));
            read.setCount(4);
            byte[] inDump = Base64.getDecoder().decode(dump.server.readMemory(read).get(30, TimeUnit.SECONDS)
                    .getData());
            assertEquals(4, inDump.length);

            assertRefused("continue", () -> dump.server.continue_(new ContinueArguments()));
            NextArguments next = new NextArguments();
            next.setThreadId(1);
            assertRefused("next", () -> dump.server.next(next));
            SetVariableArguments set = new SetVariableArguments();
            set.setVariablesReference(dump.scopeRef(frames[0].getId(), "Locals"));
            set.setName("offset");
            set.setValue("1");
            assertRefused("setVariable", () -> dump.server.setVariable(set));
            WriteMemoryArguments write = new WriteMemoryArguments();
            write.setMemoryReference("mem:0@0x0");
            write.setOffset(Integer.parseInt(cell));
            write.setData(Base64.getEncoder().encodeToString(new byte[] {1}));
            assertRefused("writeMemory", () -> dump.server.writeMemory(write));
            EvaluateArguments assign = new EvaluateArguments();
            assign.setExpression("offset = 5");
            assign.setFrameId(frames[0].getId());
            assign.setContext("repl");
            assertRefused("evaluate", () -> dump.server.evaluate(assign));
            assertEquals("268435456", dump.evaluate("offset", frames[0].getId()).getResult(), "nothing changed");
            assertArrayEquals(inDump, Base64.getDecoder().decode(dump.server.readMemory(read).get(30,
                    TimeUnit.SECONDS).getData()));

            dump.server.terminate(new TerminateArguments()).get(30, TimeUnit.SECONDS);
            dump.terminated.get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aCoredumpOfAnotherProgramOrNoneIsRefusedByName() throws Exception {
        Path notDump = tmp.resolve("hello.wasm");
        Files.copy(Path.of("../examples/hello.wasm"), notDump);
        try (DapTestClient c = new DapTestClient(server)) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> c.launch(Map.of("program",
                    TRAP.toString(), "coredump", notDump.toString())));
            assertTrue(e.getCause().getMessage().contains("not a Wasm coredump: no 'core' custom section"),
                    e.getCause().getMessage());
        }
        try (DapTestClient c = new DapTestClient(server)) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> c.launch(Map.of("program",
                    TRAP.toString(), "coredump", "missing.wasm")));
            assertTrue(e.getCause().getMessage().contains("cannot read " + tmp.resolve("missing.wasm")
                    + ": no such file"), e.getCause().getMessage());
        }
    }

    private static void assertRefused(String request, java.util.concurrent.Callable<CompletableFuture<?>> call) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> call.call().get(30, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().contains("this is a coredump (post-mortem debugging)"),
                request + ": " + e.getCause().getMessage());
    }

    private static int line(String text) throws IOException {
        List<String> lines = Files.readAllLines(TRAP_C);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text);
    }

    private static String value(Variable[] vars, String name) {
        return Arrays.stream(vars).filter(v -> v.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in " + Arrays.stream(vars)
                        .map(Variable::getName).toList())).getValue();
    }
}
