package dev.trapdoor.dap.handler;

import dev.trapdoor.dap.session.Failures;
import dev.trapdoor.dap.session.Program;
import dev.trapdoor.dap.session.Session;
import dev.trapdoor.dap.session.Stop;
import dev.trapdoor.dap.source.LineStepper;
import dev.trapdoor.dap.source.Stepper;
import dev.trapdoor.engine.debug.DebugEvent;
import dev.trapdoor.engine.debug.DebugFrame;
import dev.trapdoor.engine.debug.Resume;
import dev.trapdoor.engine.dwarf.OffsetRange;
import dev.trapdoor.engine.dwarf.SourceMap;
import org.eclipse.lsp4j.debug.SteppingGranularity;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import dev.trapdoor.engine.exec.Debugger;
import dev.trapdoor.engine.exec.Instance;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class ExecutionHandlerTest {
    private final Session session = mock(Session.class);
    private final Program program = mock(Program.class);
    private final SourceMap sourceMap = mock(SourceMap.class);
    private final DebugFrame frame = mock(DebugFrame.class);
    private final ExecutionHandler handler = new ExecutionHandler(session);

    ExecutionHandlerTest() {
        when(session.program()).thenReturn(program);
        when(program.sourceMap()).thenReturn(sourceMap);
        when(session.stop()).thenReturn(new Stop(new DebugEvent.Step(), List.of(frame), "step"));
        when(frame.moduleOffset()).thenReturn(0x120);
    }

    private Stepper stepperOf(Runnable request) {
        request.run();
        ArgumentCaptor<Stepper> captor = ArgumentCaptor.forClass(Stepper.class);
        verify(session).resume(captor.capture());
        return captor.getValue();
    }

    @Test
    void continueResumesWithoutAStepper() {
        assertTrue(handler.continue_().getAllThreadsContinued());
        verify(session).resume(null);
    }

    @Test
    void nextByLineRunsOverTheRangeOfTheCurrentLine() {
        when(sourceMap.lineRanges(0x120)).thenReturn(List.of(new OffsetRange(0x100, 0x110),
                new OffsetRange(0x118, 0x130)));
        Stepper s = stepperOf(() -> handler.next(SteppingGranularity.LINE));
        assertInstanceOf(LineStepper.class, s);
        assertEquals(Resume.whileInRange(0x118, 0x130), s.start(List.of(frame)));
    }

    @Test
    void stepInByLineAlsoStopsInCallees() {
        when(sourceMap.lineRanges(0x120)).thenReturn(List.of(new OffsetRange(0x118, 0x130)));
        Stepper s = stepperOf(() -> handler.stepIn(null));
        assertEquals(Resume.whileInRangeInto(0x118, 0x130), s.start(List.of(frame)));
    }

    @Test
    void instructionGranularityStepsOneInstructionOfTheFunctionRetranslatedExactly() {
        Debugger debugger = mock(Debugger.class);
        Instance instance = mock(Instance.class);
        when(program.debugger()).thenReturn(debugger);
        when(program.instance()).thenReturn(instance);
        when(frame.funcIndex()).thenReturn(7);
        Stepper s = stepperOf(() -> handler.next(SteppingGranularity.INSTRUCTION));
        verify(debugger).translateExactly(instance, 7);
        assertEquals(Resume.STEP_OVER, s.start(List.of(frame)));
        assertEquals(null, s.onStep(List.of(frame)), "stops after one instruction");
    }

    @Test
    void withoutLineInfoALineStepFallsBackToAnInstructionStep() {
        when(sourceMap.lineRanges(0x120)).thenReturn(List.of());
        Stepper s = stepperOf(() -> handler.stepIn(SteppingGranularity.LINE));
        assertEquals(Resume.STEP_INTO, s.start(List.of(frame)));
    }

    @Test
    void stepOutRunsToTheCallerFirst() {
        Stepper s = stepperOf(() -> handler.stepOut(SteppingGranularity.LINE));
        assertEquals(Resume.STEP_OUT, s.start(List.of(frame)));
    }

    @Test
    void steppingARunningProgramIsAnErrorAndResumesNothing() {
        when(session.stop()).thenThrow(Failures.failure("the program is running; pause it first"));
        ResponseErrorException e = assertThrows(ResponseErrorException.class, () -> handler.next(null));
        assertTrue(e.getMessage().contains("running"));
        verify(session, never()).resume(any());
    }

    @Test
    void restartFrameReentersTheWasmFrameAndRunsItsPrologueBeforeStopping() {
        Debugger debugger = mock(Debugger.class);
        when(program.debugger()).thenReturn(debugger);
        DebugFrame caller = mock(DebugFrame.class);
        Stop stop = new Stop(new DebugEvent.Step(), List.of(frame, caller), "step");
        when(session.stop()).thenReturn(stop);
        int id = stop.frameId(1, new Stop.FrameRef(1, 0));
        Stepper s = stepperOf(() -> handler.restartFrame(id));
        assertEquals(Resume.restartFrame(1), s.start(List.of(frame, caller)));
        assertEquals("restart", s.reason());
        when(frame.moduleOffset()).thenReturn(0x200);
        when(sourceMap.afterPrologue(0x200)).thenReturn(0x20c);
        assertEquals(Resume.whileInRange(0x200, 0x20c), s.onStep(List.of(frame)));
        assertEquals(Resume.whileInRange(0x200, 0x20c), s.again(), "a breakpoint in the prologue goes on");
        assertEquals(null, s.onStep(List.of(frame)), "stops after the prologue");
    }

    @Test
    void restartFrameRefusesWithTheEnginesReasonAndResumesNothing() {
        Debugger debugger = mock(Debugger.class);
        when(program.debugger()).thenReturn(debugger);
        when(debugger.whyNotRestartable(0)).thenReturn("'f' assigns its parameters, so the values it was called"
                + " with are gone");
        Stop stop = new Stop(new DebugEvent.Step(), List.of(frame), "step");
        when(session.stop()).thenReturn(stop);
        int top = stop.frameId(0, new Stop.FrameRef(0, 0));
        int inlined = stop.frameId(1, new Stop.FrameRef(0, 1));
        when(frame.functionName()).thenReturn("f");
        ResponseErrorException e = assertThrows(ResponseErrorException.class, () -> handler.restartFrame(top));
        assertEquals("restartFrame: 'f' assigns its parameters, so the values it was called with are gone",
                e.getMessage());
        e = assertThrows(ResponseErrorException.class, () -> handler.restartFrame(inlined));
        assertTrue(e.getMessage().contains("inlined into f"), e.getMessage());
        verify(session, never()).resume(any());
    }

    @Test
    void pauseGoesToTheSession() {
        handler.pause();
        verify(session).pause();
    }
}
