package dev.trapdoor.dap.handler;

import dev.trapdoor.dap.adapt.VariableContainer;
import dev.trapdoor.dap.adapt.VariableRefs;
import dev.trapdoor.dap.session.Program;
import dev.trapdoor.dap.session.RunState;
import dev.trapdoor.dap.session.Session;
import dev.trapdoor.dap.session.Stop;
import dev.trapdoor.dap.source.FrameAt;
import dev.trapdoor.dap.source.SourceVariablesProvider;
import dev.trapdoor.dap.source.SourceVariablesProvider.Evaluation;
import dev.trapdoor.dap.source.SourceVariablesProvider.SourceValue;
import dev.trapdoor.engine.debug.DebugEvent;
import dev.trapdoor.engine.debug.DebugFrame;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.model.WasmModule;
import org.eclipse.lsp4j.debug.CompletionItem;
import org.eclipse.lsp4j.debug.CompletionsArguments;
import org.eclipse.lsp4j.debug.EvaluateArguments;
import org.eclipse.lsp4j.debug.EvaluateResponse;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;
import org.eclipse.lsp4j.debug.SetExpressionArguments;
import org.eclipse.lsp4j.debug.Variable;
import org.eclipse.lsp4j.debug.VariablesArguments;
import org.eclipse.lsp4j.debug.VariablesArgumentsFilter;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The handlers' two-level evaluation with a mocked source level: C first, Wasm for what C declines. */
class SourceEvaluationHandlerTest {
    private final Session session = mock(Session.class);
    private final Program program = mock(Program.class);
    private final Instance instance = mock(Instance.class);
    private final SourceVariablesProvider source = mock(SourceVariablesProvider.class);
    private final DebugFrame frame = Fixtures.frame("main", 5, 0x200, 3, 2);
    private final Stop stop = new Stop(new DebugEvent.Step(), List.of(frame), "step");
    private final VariablesHandler handler = new VariablesHandler(session);
    private final VariableContainer children = mock(VariableContainer.class);

    SourceEvaluationHandlerTest() {
        when(session.program()).thenReturn(program);
        when(session.stop()).thenReturn(stop);
        when(session.state()).thenReturn(RunState.STOPPED);
        when(session.sourceVariables()).thenReturn(source);
        when(session.client()).thenReturn(new InitializeRequestArguments());
        when(program.instance()).thenReturn(instance);
        WasmModule module = mock(WasmModule.class);
        when(instance.module()).thenReturn(module);
        when(module.exports()).thenReturn(List.of());
        when(source.evaluate(anyString(), any())).thenReturn(Evaluation.decline("no variable named 'x'"));
        when(source.assign(anyString(), anyString(), any())).thenReturn(Optional.empty());
    }

    private EvaluateResponse evaluate(String expression, String context, Integer frameId) {
        EvaluateArguments a = new EvaluateArguments();
        a.setExpression(expression);
        a.setContext(context);
        a.setFrameId(frameId);
        return handler.evaluate(a);
    }

    @Test
    void aCValueCarriesTypeChildrenPagingAndMemoryReference() {
        when(source.evaluate(eq("arr"), any())).thenReturn(Evaluation.of(new SourceValue("{1, 2}", "int[2]",
                children, "mem:0@0x1000", 2)));
        EvaluateResponse r = evaluate("arr", "watch", null);
        assertEquals("{1, 2}", r.getResult());
        assertEquals("int[2]", r.getType());
        assertEquals("mem:0@0x1000", r.getMemoryReference());
        assertEquals(2, r.getIndexedVariables());
        assertEquals(children, stop.refs().get(r.getVariablesReference()));
    }

    @Test
    void theFrameIdSelectsTheInlinedSourceFrame() {
        int outer = stop.frameId(1, new Stop.FrameRef(0, 1));
        when(source.evaluate(eq("n"), argThat(at -> at != null && at.inlineDepth() == 1)))
                .thenReturn(Evaluation.of(new SourceValue("7", "int", null, null, 0)));
        assertEquals("7", evaluate("n", "hover", outer).getResult());
    }

    @Test
    void whatCDeclinesIsWasmLevelAndWhenBothFailTheCReasonIsGiven() {
        assertEquals("3", evaluate("$0", "watch", null).getResult());
        ResponseErrorException e = assertThrows(ResponseErrorException.class, () -> evaluate("x + 1", "watch", null));
        assertEquals("no variable named 'x'", e.getMessage());
        e = assertThrows(ResponseErrorException.class, () -> evaluate("$nope", "watch", null));
        assertTrue(e.getMessage().contains("$nope"), e.getMessage());
    }

    @Test
    void replAssignmentAndSetExpressionGoToTheSourceLevelFirst() {
        SourceValue ten = new SourceValue("10", "int", null, null, 0);
        when(source.assign(eq("factor"), eq("10"), any())).thenReturn(Optional.of(ten));
        assertEquals("10", evaluate("factor = 10", "repl", null).getResult());
        SetExpressionArguments s = new SetExpressionArguments();
        s.setExpression("factor");
        s.setValue("10");
        assertEquals("10", handler.setExpression(s).getValue());
        s.setExpression("$1");
        s.setValue("4");
        assertEquals("4", handler.setExpression(s).getValue(), "declined: the Wasm local is set");
        verify(frame).setLocal(1, 4);
    }

    @Test
    void variablesPassPagingAndFilterToTheContainer() {
        Variable one = new Variable();
        one.setName("[3]");
        when(children.children(any(VariableRefs.class), anyBoolean(), eq("indexed"), eq(3), eq(1)))
                .thenReturn(List.of(one));
        VariablesArguments a = new VariablesArguments();
        a.setVariablesReference(stop.refs().add(children));
        a.setFilter(VariablesArgumentsFilter.INDEXED);
        a.setStart(3);
        a.setCount(1);
        assertEquals("[3]", handler.variables(a).getVariables()[0].getName());
    }

    @Test
    void completionsOfferCNames() {
        when(source.names(any(FrameAt.class))).thenReturn(List.of("total", "tally"));
        CompletionsArguments a = new CompletionsArguments();
        a.setText("t");
        a.setColumn(2);
        CompletionItem[] items = handler.completions(a).getTargets();
        assertEquals(List.of("total", "tally"), Arrays.stream(items).map(CompletionItem::getLabel).toList());
    }
}
