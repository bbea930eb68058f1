package dev.trapdoor.dap.transport;

import org.eclipse.lsp4j.debug.InitializeRequestArguments;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StepInArguments;
import org.eclipse.lsp4j.debug.StepInTarget;
import org.eclipse.lsp4j.debug.StepInTargetsArguments;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DAP {@code stepInTargets} and {@code stepIn} with a target on {@code twice(plus(3))} in
 * {@code src/test/c/replay/replay.c}: both callees are offered in call order, and stepping into {@code twice} runs
 * {@code plus} through and stops in {@code twice} on its first line.
 */
class StepInTargetsTcpTest extends TcpServerTest {
    private static final Path PROGRAM = Path.of("src/test/resources/replay/replay.wasm").toAbsolutePath();
    private static final Path SOURCE = Path.of("src/test/c/replay/replay.c").toAbsolutePath();

    @Test
    void stepsIntoTheChosenCallOfTheLine() throws Exception {
        try (DapTestClient c = new DapTestClient(server)) {
            InitializeRequestArguments init = new InitializeRequestArguments();
            init.setAdapterID("trapdoor");
            init.setLinesStartAt1(true);
            assertTrue(c.server.initialize(init).get(30, TimeUnit.SECONDS).getSupportsStepInTargetsRequest());
            c.initialized.get(30, TimeUnit.SECONDS);
            c.server.launch(new HashMap<>(Map.of("program", PROGRAM.toString()))).get(30, TimeUnit.SECONDS);
            c.setLines(SOURCE, RecordingTcpTestLines.line(SOURCE, "@calls"));
            c.server.configurationDone(null).get(30, TimeUnit.SECONDS);
            assertEquals("breakpoint", c.nextStop().getReason());
            StackFrame[] frames = c.frames();

            StepInTargetsArguments a = new StepInTargetsArguments();
            a.setFrameId(frames[0].getId());
            StepInTarget[] targets = c.server.stepInTargets(a).get(30, TimeUnit.SECONDS).getTargets();
            assertEquals(List.of("plus", "twice"), Arrays.stream(targets).map(StepInTarget::getLabel).toList());

            ResponseErrorException wrong = assertInstanceOf(ResponseErrorException.class, assertThrows(
                    ExecutionException.class, () -> stepIn(c, 99_999)).getCause());
            assertEquals("stepIn: target 99999 is not a function the current line calls", wrong.getMessage());

            stepIn(c, targets[1].getId());
            assertEquals("step", c.nextStop().getReason());
            StackFrame[] inTwice = c.frames();
            assertEquals("twice", inTwice[0].getName());
            assertEquals(RecordingTcpTestLines.line(SOURCE, "@twice"), inTwice[0].getLine());
            assertEquals("4", c.evaluate("x", inTwice[0].getId()).getResult(), "plus ran first");

            c.setLines(SOURCE);
            c.cont();
            c.terminated.get(30, TimeUnit.SECONDS);
        }
    }

    private static void stepIn(DapTestClient c, int target) throws Exception {
        StepInArguments s = new StepInArguments();
        s.setThreadId(1);
        s.setTargetId(target);
        c.server.stepIn(s).get(30, TimeUnit.SECONDS);
    }
}
