package dev.trapdoor.dap.transport;

import org.eclipse.lsp4j.debug.Breakpoint;
import org.eclipse.lsp4j.debug.ConfigurationDoneArguments;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;
import org.eclipse.lsp4j.debug.InstructionBreakpoint;
import org.eclipse.lsp4j.debug.SetInstructionBreakpointsArguments;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * VS Code sends every instruction breakpoint it holds to every session. One set in a program's disassembly must stop
 * later sessions of that program at the same instruction, and must be refused, with the reason, by a session of
 * another program (where its module offset is some unrelated instruction).
 */
class InstructionBreakpointsAcrossProgramsTcpTest extends TcpServerTest {
    private static final Path REPLAY = Path.of("src/test/resources/replay/replay.wasm").toAbsolutePath();
    private static final Path REPLAY_SOURCE = Path.of("src/test/c/replay/replay.c").toAbsolutePath();
    private static final Path OTHER = Path.of("src/test/resources/restart/restart.wasm").toAbsolutePath();

    @Test
    void aReferenceFromOneProgramStopsItAgainAndIsRefusedByAnother() throws Exception {
        Files.writeString(tmp.resolve("input.txt"), "ref");
        String reference;
        try (DapTestClient c = new DapTestClient(server)) {
            start(c, REPLAY);
            c.setLines(REPLAY_SOURCE, RecordingTcpTestLines.line(REPLAY_SOURCE, "@print"));
            c.server.configurationDone(new ConfigurationDoneArguments()).get(30, TimeUnit.SECONDS);
            assertEquals("breakpoint", c.nextStop().getReason());
            reference = c.frames()[0].getInstructionPointerReference();
            assertNotEquals(0L, Long.decode(reference) >>> 32, "the module's tag is in the high half: " + reference);
            c.setLines(REPLAY_SOURCE);
            c.cont();
            c.terminated.get(30, TimeUnit.SECONDS);
        }

        try (DapTestClient c = new DapTestClient(server)) {
            start(c, OTHER);
            Breakpoint refused = instructionBreakpoint(c, reference);
            assertFalse(refused.isVerified());
            assertTrue(refused.getMessage().contains("another program"), refused.getMessage());
            c.server.configurationDone(new ConfigurationDoneArguments()).get(30, TimeUnit.SECONDS);
            c.terminated.get(30, TimeUnit.SECONDS);
            assertTrue(c.output().contains("20 1"), "ran to its end without stopping: " + c.output());
        }

        try (DapTestClient c = new DapTestClient(server)) {
            start(c, REPLAY);
            Breakpoint placed = instructionBreakpoint(c, reference);
            assertTrue(placed.isVerified(), placed.getMessage());
            assertEquals(reference, placed.getInstructionReference());
            c.server.configurationDone(new ConfigurationDoneArguments()).get(30, TimeUnit.SECONDS);
            assertEquals("instruction breakpoint", c.nextStop().getReason());
            assertEquals(reference, c.frames()[0].getInstructionPointerReference());
            assertEquals(RecordingTcpTestLines.line(REPLAY_SOURCE, "@print"), c.frames()[0].getLine());
            instructionBreakpoint(c, null);
            c.cont();
            c.terminated.get(30, TimeUnit.SECONDS);
        }
    }

    private void start(DapTestClient c, Path program) throws Exception {
        InitializeRequestArguments init = new InitializeRequestArguments();
        init.setAdapterID("trapdoor");
        init.setLinesStartAt1(true);
        c.server.initialize(init).get(30, TimeUnit.SECONDS);
        c.initialized.get(30, TimeUnit.SECONDS);
        c.server.launch(new HashMap<>(Map.of("program", program.toString(), "cwd", tmp.toString(),
                "dirs", List.of(tmp + "::.")))).get(30, TimeUnit.SECONDS);
    }

    /** Sets the session's only instruction breakpoint ({@code null}: none) and returns what the server made of it. */
    private static Breakpoint instructionBreakpoint(DapTestClient c, String reference) throws Exception {
        SetInstructionBreakpointsArguments a = new SetInstructionBreakpointsArguments();
        if (reference == null) {
            a.setBreakpoints(new InstructionBreakpoint[0]);
            c.server.setInstructionBreakpoints(a).get(30, TimeUnit.SECONDS);
            return null;
        }
        InstructionBreakpoint b = new InstructionBreakpoint();
        b.setInstructionReference(reference);
        a.setBreakpoints(new InstructionBreakpoint[]{b});
        Breakpoint[] placed = c.server.setInstructionBreakpoints(a).get(30, TimeUnit.SECONDS).getBreakpoints();
        assertEquals(1, placed.length);
        return placed[0];
    }
}
