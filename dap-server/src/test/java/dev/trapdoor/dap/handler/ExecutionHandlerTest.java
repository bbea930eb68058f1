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
    void pauseGoesToTheSession() {
        handler.pause();
        verify(session).pause();
    }
}
