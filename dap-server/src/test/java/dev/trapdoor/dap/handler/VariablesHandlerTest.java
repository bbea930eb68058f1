package dev.trapdoor.dap.handler;

import dev.trapdoor.dap.adapt.WasmScopes;
import dev.trapdoor.dap.session.Program;
import dev.trapdoor.dap.session.RunState;
import dev.trapdoor.dap.session.Session;
import dev.trapdoor.dap.session.Stop;
import dev.trapdoor.dap.source.SourceVariablesProvider;
import dev.trapdoor.engine.debug.DebugEvent;
import dev.trapdoor.engine.debug.DebugFrame;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.model.WasmModule;
import org.eclipse.lsp4j.debug.CompletionItem;
import org.eclipse.lsp4j.debug.CompletionsArguments;
import org.eclipse.lsp4j.debug.EvaluateArguments;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;
import org.eclipse.lsp4j.debug.SetExpressionArguments;
import org.eclipse.lsp4j.debug.SetVariableArguments;
import org.eclipse.lsp4j.debug.ValueFormat;
import org.eclipse.lsp4j.debug.Variable;
import org.eclipse.lsp4j.debug.VariablesArguments;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class VariablesHandlerTest {
    private final Session session = mock(Session.class);
    private final Program program = mock(Program.class);
    private final Instance instance = mock(Instance.class);
    private final WasmModule module = mock(WasmModule.class);
    private final DebugFrame frame = Fixtures.frame("scale", 5, 0x200, 3, 2, 7);
    private final Stop stop = new Stop(new DebugEvent.Step(), List.of(frame), "step");
    private final VariablesHandler handler = new VariablesHandler(session);
    private final int locals;

    VariablesHandlerTest() {
        when(session.program()).thenReturn(program);
        when(session.stop()).thenReturn(stop);
        when(session.state()).thenReturn(RunState.STOPPED);
        when(session.sourceVariables()).thenReturn(SourceVariablesProvider.NONE);
        when(session.client()).thenReturn(new InitializeRequestArguments());
        when(program.instance()).thenReturn(instance);
        when(instance.module()).thenReturn(module);
        when(module.exports()).thenReturn(List.of());
        when(frame.localName(0)).thenReturn("value");
        locals = stop.refs().add(WasmScopes.locals(frame, instance));
    }

    private Variable[] variables(Integer start, Integer count, boolean hex) {
        VariablesArguments a = new VariablesArguments();
        a.setVariablesReference(locals);
        a.setStart(start);
        a.setCount(count);
        if (hex) {
            ValueFormat f = new ValueFormat();
            f.setHex(true);
            a.setFormat(f);
        }
        return handler.variables(a).getVariables();
    }

    @Test
    void localsAreNamedFromTheNameSectionOrByIndexAndPage() {
        Variable[] all = variables(null, null, false);
        assertEquals(List.of("$value", "$1", "$2"), Arrays.stream(all).map(Variable::getName).toList());
        assertEquals("3", all[0].getValue());
        assertEquals("i32", all[0].getType());
        assertEquals("$value", all[0].getEvaluateName());
        Variable[] page = variables(1, 1, true);
        assertEquals(1, page.length);
        assertEquals("0x2", page[0].getValue());
    }

    @Test
    void setVariableWritesTheLocal() {
        SetVariableArguments a = new SetVariableArguments();
        a.setVariablesReference(locals);
        a.setName("$1");
        a.setValue("0x64");
        assertEquals("100", handler.setVariable(a).getValue());
        verify(frame).setLocal(1, 100);
        a.setValue("twelve");
        ResponseErrorException e = assertThrows(ResponseErrorException.class, () -> handler.setVariable(a));
        assertTrue(e.getMessage().contains("twelve"), e.getMessage());
    }

    @Test
    void evaluateAndSetExpressionUseTheWasmEvaluator() {
        EvaluateArguments a = new EvaluateArguments();
        a.setExpression("$value * 10 + local[1]");
        a.setContext("watch");
        assertEquals("32", handler.evaluate(a).getResult());
        a.setExpression("$2 = $2 + 1");
        a.setContext("repl");
        assertEquals("8", handler.evaluate(a).getResult());
        verify(frame).setLocal(2, 8);

        SetExpressionArguments s = new SetExpressionArguments();
        s.setExpression("$value");
        s.setValue("41 + 1");
        assertEquals("42", handler.setExpression(s).getValue());

        a.setExpression("$missing");
        ResponseErrorException e = assertThrows(ResponseErrorException.class, () -> handler.evaluate(a));
        assertTrue(e.getMessage().contains("$missing"), e.getMessage());
    }

    @Test
    void evaluateWithoutAStopSeesNoLocals() {
        when(session.state()).thenReturn(RunState.RUNNING);
        EvaluateArguments a = new EvaluateArguments();
        a.setExpression("$value");
        ResponseErrorException e = assertThrows(ResponseErrorException.class, () -> handler.evaluate(a));
        assertTrue(e.getMessage().contains("stopped frame"), e.getMessage());
    }

    @Test
    void completionsOfferLocalsAndAccessors() {
        CompletionsArguments a = new CompletionsArguments();
        a.setText("1 + $v");
        a.setColumn(7);
        CompletionItem[] items = handler.completions(a).getTargets();
        assertEquals(List.of("$value"), Arrays.stream(items).map(CompletionItem::getLabel).toList());
        assertEquals(5, items[0].getStart());
        assertEquals(2, items[0].getLength());
        a.setText("me");
        a.setColumn(3);
        assertTrue(Arrays.stream(handler.completions(a).getTargets()).anyMatch(i -> i.getLabel().equals("mem32[")));
    }
}
