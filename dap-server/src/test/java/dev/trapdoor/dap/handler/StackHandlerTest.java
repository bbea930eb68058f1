package dev.trapdoor.dap.handler;

import dev.trapdoor.dap.adapt.VariableContainer;
import dev.trapdoor.dap.session.Program;
import dev.trapdoor.dap.session.Session;
import dev.trapdoor.dap.session.Stop;
import dev.trapdoor.dap.source.SourceLocator;
import dev.trapdoor.dap.source.SourceVariablesProvider;
import dev.trapdoor.engine.debug.DebugEvent;
import dev.trapdoor.engine.debug.DebugFrame;
import dev.trapdoor.engine.dwarf.SourceFrame;
import dev.trapdoor.engine.dwarf.SourceMap;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.trap.TrapDetail;
import dev.trapdoor.engine.trap.TrapKind;
import org.eclipse.lsp4j.debug.Scope;
import org.eclipse.lsp4j.debug.ScopesArguments;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StackTraceArguments;
import org.eclipse.lsp4j.debug.StackTraceResponse;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class StackHandlerTest {
    private final Session session = mock(Session.class);
    private final Program program = mock(Program.class);
    private final SourceMap sourceMap = mock(SourceMap.class);
    private final SourceLocator sources = mock(SourceLocator.class);
    private final DebugFrame inner = Fixtures.frame("helper", 3, 0x150, 1);
    private final DebugFrame outer = Fixtures.frame("main", 2, 0x100);
    private final StackHandler handler = new StackHandler(session);

    StackHandlerTest() {
        when(session.program()).thenReturn(program);
        when(session.sourceVariables()).thenReturn(SourceVariablesProvider.NONE);
        when(program.sourceMap()).thenReturn(sourceMap);
        when(program.sources()).thenReturn(sources);
        when(program.path()).thenReturn("/p/a.wasm");
        Instance instance = mock(Instance.class);
        WasmModule module = mock(WasmModule.class);
        when(program.instance()).thenReturn(instance);
        when(instance.module()).thenReturn(module);
        when(module.exports()).thenReturn(List.of());
        when(module.globalTypes()).thenReturn(List.of());
        when(module.tables()).thenReturn(List.of());
        when(module.bodies()).thenReturn(List.of());
        when(program.disassembly()).thenReturn(new dev.trapdoor.dap.source.DisassemblyIndex(module));
        when(program.references()).thenReturn(dev.trapdoor.dap.adapt.InstructionReferences.tagged(0x5a3f));
        Source file = SourceLocator.fileSource(Path.of("/src/a.c"));
        // 0x150 is code of "leaf" inlined into "helper"; 0x100 has no debug info.
        when(sourceMap.inlinedChain(0x150)).thenReturn(List.of(new SourceFrame("leaf", "/src/a.c", 7, 3, true),
                new SourceFrame("helper", "/src/a.c", 20, 5, false)));
        when(sourceMap.inlinedChain(0x100)).thenReturn(List.of());
        when(sources.position(anyString(), anyInt(), anyInt(), eq(0x150), eq(3))).thenAnswer(a ->
                new SourceLocator.Position(file, a.getArgument(1), a.getArgument(2)));
        Source wat = new Source();
        wat.setName("main.wat");
        wat.setSourceReference(3);
        when(sources.position(0x100, 2)).thenReturn(new SourceLocator.Position(wat, 4, 1));
    }

    private StackTraceResponse trace(Integer start, Integer levels) {
        StackTraceArguments a = new StackTraceArguments();
        a.setThreadId(1);
        a.setStartFrame(start);
        a.setLevels(levels);
        return handler.stackTrace(a);
    }

    @Test
    void inlinedFramesComeFirstThenWasmFramesWithInstructionPointers() {
        when(session.stop()).thenReturn(new Stop(new DebugEvent.Step(), List.of(inner, outer), "step"));
        StackTraceResponse r = trace(null, null);
        assertEquals(3, r.getTotalFrames());
        StackFrame[] f = r.getStackFrames();
        assertEquals(List.of("leaf [inlined]", "helper", "main"), Arrays.stream(f).map(StackFrame::getName).toList());
        assertEquals(7, f[0].getLine());
        assertEquals(20, f[1].getLine());
        assertEquals("0x5a3f00000150", f[0].getInstructionPointerReference(), "the module's tag, then the offset");
        assertEquals("0x5a3f00000150", f[1].getInstructionPointerReference());
        assertEquals("0x5a3f00000100", f[2].getInstructionPointerReference());
        assertEquals(3, f[2].getSource().getSourceReference(), "no DWARF: the disassembly source");
        StackFrame[] page = trace(1, 1).getStackFrames();
        assertEquals(1, page.length);
        assertEquals("helper", page[0].getName());
    }

    /** Chains are kept per source map, which the sessions of one program share: another session asks none again. */
    @Test
    void aPcsInlinedChainIsLookedUpOncePerSourceMapWhicheverSessionAsks() {
        when(session.stop()).thenReturn(new Stop(new DebugEvent.Step(), List.of(inner, outer), "step"));
        trace(null, null);
        StackTraceResponse again = trace(null, null);
        assertEquals("leaf [inlined]", again.getStackFrames()[0].getName());
        verify(sourceMap, times(1)).inlinedChain(0x150);

        Session other = mock(Session.class);
        when(other.program()).thenReturn(program);
        when(other.sourceVariables()).thenReturn(SourceVariablesProvider.NONE);
        when(other.stop()).thenReturn(new Stop(new DebugEvent.Step(), List.of(inner, outer), "step"));
        StackTraceArguments args = new StackTraceArguments();
        args.setThreadId(1);
        assertEquals("leaf [inlined]", new StackHandler(other).stackTrace(args).getStackFrames()[0].getName());
        verify(sourceMap, times(1)).inlinedChain(0x150);

        SourceMap otherMap = mock(SourceMap.class);
        when(otherMap.inlinedChain(0x150)).thenReturn(List.of(new SourceFrame("helper", "/src/a.c", 21, 5, false)));
        when(otherMap.inlinedChain(0x100)).thenReturn(List.of());
        Program restarted = mock(Program.class);
        when(restarted.sourceMap()).thenReturn(otherMap);
        when(restarted.sources()).thenReturn(sources);
        when(restarted.references()).thenReturn(dev.trapdoor.dap.adapt.InstructionReferences.tagged(0x5a3f));
        when(session.program()).thenReturn(restarted);
        assertEquals("helper", trace(null, null).getStackFrames()[0].getName());
        verify(otherMap, times(1)).inlinedChain(0x150);
    }

    @Test
    void aFrameHasTheSameIdAndAnswerWhicheverPageListsItFirst() {
        when(session.stop()).thenReturn(new Stop(new DebugEvent.Step(), List.of(inner, outer), "step"));
        // VS Code's two requests after a stop, answered in the other order than they were sent.
        StackFrame[] rest = trace(1, 19).getStackFrames();
        StackFrame[] top = trace(0, 1).getStackFrames();
        StackFrame[] all = trace(0, 20).getStackFrames();
        assertEquals(3, all.length);
        assertEquals(List.of(1, 2, 3), Arrays.stream(all).map(StackFrame::getId).toList());
        assertEquals(all[0], top[0], "the top frame, asked for alone and with the others");
        assertEquals(List.of(all[1], all[2]), List.of(rest));
        ScopesArguments a = new ScopesArguments();
        a.setFrameId(top[0].getId());
        assertEquals(4, handler.scopes(a).getScopes().length, "the id names a frame of this stop");
    }

    @Test
    void anIdNotListedInThisStopIsRefused() {
        when(session.stop()).thenReturn(new Stop(new DebugEvent.Step(), List.of(inner, outer), "step"));
        trace(0, 1);
        ScopesArguments a = new ScopesArguments();
        a.setFrameId(2);
        assertThrows(ResponseErrorException.class, () -> handler.scopes(a), "frame 2 was not listed yet");
    }

    @Test
    void aPageCountsTheInlinedFramesOfEveryWasmFrame() {
        List<DebugFrame> frames = new java.util.ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            frames.add(i % 2 == 0 ? outer : inner);
        }
        when(session.stop()).thenReturn(new Stop(new DebugEvent.Trap(TrapKind.CALL_STACK_EXHAUSTED, null, 2, 0x100),
                frames, "exception"));
        StackTraceResponse first = trace(0, 20);
        assertEquals(1500, first.getTotalFrames(), "500 outer frames + 500 inner ones with 2 source frames each");
        assertEquals(20, first.getStackFrames().length);
        StackTraceResponse last = trace(1490, 20);
        assertEquals(10, last.getStackFrames().length);
        assertEquals("helper", last.getStackFrames()[9].getName());
        assertEquals(0, trace(4000, 20).getStackFrames().length);
    }

    @Test
    void scopesOfATrapStopIncludeTheTrapDetail() {
        DebugEvent.Trap trap = new DebugEvent.Trap(TrapKind.INTEGER_DIVIDE_BY_ZERO,
                new TrapDetail.Arithmetic("i32.div_s", "14", "0"), 3, 0x150);
        Stop stop = new Stop(trap, List.of(inner, outer), "exception");
        when(session.stop()).thenReturn(stop);
        StackFrame top = trace(null, null).getStackFrames()[0];
        ScopesArguments a = new ScopesArguments();
        a.setFrameId(top.getId());
        List<String> names = Arrays.stream(handler.scopes(a).getScopes()).map(Scope::getName).toList();
        assertEquals(List.of("Trap", "Wasm Locals", "Operand Stack", "Globals", "Module"), names);
    }

    @Test
    void cScopesComeFirstForTheSelectedInlinedFrameAndWasmGlobalsAreRenamed() {
        SourceVariablesProvider source = mock(SourceVariablesProvider.class);
        when(session.sourceVariables()).thenReturn(source);
        VariableContainer none = (refs, hex) -> List.of();
        when(source.scopes(argThat(at -> at != null && at.inlineDepth() == 1))).thenReturn(List.of(
                new SourceVariablesProvider.NamedScope("Locals", "locals", none),
                new SourceVariablesProvider.NamedScope("Globals", null, none)));
        when(session.stop()).thenReturn(new Stop(new DebugEvent.Step(), List.of(inner, outer), "step"));
        StackFrame helper = trace(null, null).getStackFrames()[1];
        ScopesArguments a = new ScopesArguments();
        a.setFrameId(helper.getId());
        Scope[] scopes = handler.scopes(a).getScopes();
        assertEquals(List.of("Locals", "Globals", "Wasm Locals", "Operand Stack", "Wasm Globals", "Module"),
                Arrays.stream(scopes).map(Scope::getName).toList());
        assertEquals("locals", scopes[0].getPresentationHint());
        assertEquals(null, scopes[2].getPresentationHint(), "the C locals are the frame's locals");
    }

    @Test
    void threadsIsOneMainThread() {
        assertEquals(1, handler.threads().getThreads().length);
        assertEquals("main (a.wasm)", handler.threads().getThreads()[0].getName());
    }
}
