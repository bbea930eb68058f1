package dev.trapdoor.dap.source;

import dev.trapdoor.dap.adapt.EvalException;
import dev.trapdoor.dap.adapt.VariableRefs;
import dev.trapdoor.engine.dwarf.EvaluationException;
import dev.trapdoor.engine.dwarf.Evaluator;
import dev.trapdoor.engine.dwarf.MachineState;
import dev.trapdoor.engine.dwarf.SourceVariables;
import dev.trapdoor.engine.dwarf.Value;
import org.eclipse.lsp4j.debug.Variable;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.trapdoor.dap.source.CValues.array;
import static dev.trapdoor.dap.source.CValues.inMemory;
import static dev.trapdoor.dap.source.CValues.missing;
import static dev.trapdoor.dap.source.CValues.parent;
import static dev.trapdoor.dap.source.CValues.pointer;
import static dev.trapdoor.dap.source.CValues.scalar;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** C values as DAP variables: display, type, expansion, paging, memory references, evaluate names, writing. */
class CVariablesTest {
    private final SourceVariables vars = mock(SourceVariables.class);
    private final MachineState state = mock(MachineState.class);
    private final CWriter writer = new CWriter(vars, state, 0x40);
    private final VariableRefs refs = new VariableRefs();

    private Variable dap(String name, Value v, boolean parameter) {
        return CVariables.toDap(new CValueEntry(name, name, v, parameter), writer, refs);
    }

    @Test
    void aScalarShowsItsDisplayAndTypeAndNoChildren() {
        Variable v = dap("n", scalar("n", "int", "5"), false);
        assertEquals("n", v.getName());
        assertEquals("5", v.getValue());
        assertEquals("int", v.getType());
        assertEquals("n", v.getEvaluateName());
        assertEquals(0, v.getVariablesReference());
        assertNull(v.getMemoryReference(), "a value in a Wasm local has no address");
        assertNull(v.getPresentationHint());
    }

    @Test
    void aParameterIsMarkedAndAValueInMemoryHasItsAddress() {
        Variable v = dap("bias", inMemory(scalar("bias", "int", "2"), 0x11ff0), true);
        assertEquals(CVariables.PARAMETER_KIND, v.getPresentationHint().getKind());
        assertEquals("mem:0@0x11ff0", v.getMemoryReference());
    }

    @Test
    void anUnavailableValueSaysWhyAndIsReadOnly() {
        Variable v = dap("s", missing("s", "const char *", "optimized out"), false);
        assertEquals("<optimized out>", v.getValue());
        assertEquals(0, v.getVariablesReference());
        assertArrayEquals(new String[] {"readOnly"}, v.getPresentationHint().getAttributes());
    }

    @Test
    void anArrayIsIndexedAndOnlyTheAskedPageIsRead() {
        Value arr = array("arr", "int", 10, 20, 30, 40, 50);
        Variable v = dap("arr", arr, false);
        assertEquals(5, v.getIndexedVariables());
        assertTrue(v.getVariablesReference() > 0);
        var children = refs.get(v.getVariablesReference());
        List<Variable> page = children.children(refs, false, "indexed", 1, 2);
        assertEquals(List.of("[1]", "[2]"), page.stream().map(Variable::getName).toList());
        assertEquals(List.of("arr[1]", "arr[2]"), page.stream().map(Variable::getEvaluateName).toList());
        verify(arr).children(1, 2);
        assertEquals(List.of(), children.children(refs, false, "named", 0, 0), "an array has no named children");
        assertEquals(5, children.children(refs, false, null, 0, 0).size());
    }

    @Test
    void aStructIsNamedAndItsMembersReadThroughTheParent() {
        Value s = parent("pt", "struct point", "{x=3, y=4}", List.of(scalar("x", "int", "3"),
                scalar("y", "int", "4")));
        Variable v = dap("pt", s, false);
        assertNull(v.getIndexedVariables());
        List<Variable> members = refs.get(v.getVariablesReference()).children(refs, false);
        assertEquals(List.of("pt.x", "pt.y"), members.stream().map(Variable::getEvaluateName).toList());
        assertEquals(List.of(), refs.get(v.getVariablesReference()).children(refs, false, "indexed", 0, 0));
    }

    @Test
    void aPointerOpensTheMemoryViewAtItsTargetAndExpandsToThePointee() {
        Value pointee = parent("*p", "struct point", "{x=3, y=4}", List.of(scalar("x", "int", "3")));
        Variable v = dap("p", pointer("p", "struct point *", 0x1000, pointee), false);
        assertEquals("mem:0@0x1000", v.getMemoryReference());
        Variable star = refs.get(v.getVariablesReference()).children(refs, false).get(0);
        assertEquals("*p", star.getName());
        assertEquals("*p", star.getEvaluateName());
        Variable x = refs.get(star.getVariablesReference()).children(refs, false).get(0);
        assertEquals("p->x", x.getEvaluateName());
    }

    @Test
    void aNullPointerHasNoMemoryReference() {
        Value nul = scalar("nul", "char *", "0x0");
        when(nul.memoryReference()).thenReturn(java.util.Optional.of(0L));
        assertNull(dap("nul", nul, false).getMemoryReference());
    }

    @Test
    void settingAnElementWritesItAndAnswersTheNewValue() throws Exception {
        Value arr = array("arr", "int", 10, 20, 30);
        Variable v = dap("arr", arr, false);
        Value second = arr.children(1, 1).get(0);
        refs.get(v.getVariablesReference()).set("[1]", "99", refs, false);
        verify(vars).write(second, "99", state);
        EvalException e = assertThrows(EvalException.class,
                () -> refs.get(v.getVariablesReference()).set("[7]", "1", refs, false));
        assertTrue(e.getMessage().contains("[7]"), e.getMessage());
    }

    @Test
    void aValueTheEngineCannotWriteIsAnErrorWithItsReason() throws Exception {
        Value s = parent("pt", "struct point", "{x=3, y=4}", List.of(scalar("x", "int", "3")));
        doThrow(new EvaluationException("cannot write a value of type struct point")).when(vars)
                .write(eq(s), any(), eq(state));
        Evaluator evaluator = mock(Evaluator.class);
        when(vars.evaluator()).thenReturn(evaluator);
        when(evaluator.evaluate(any(), anyInt(), any())).thenThrow(new EvaluationException("no variable named 'x'"));
        CScopeVariables scope = new CScopeVariables(() -> List.of(new CValueEntry("pt", "pt", s, false)), writer);
        EvalException e = assertThrows(EvalException.class, () -> scope.set("pt", "1", refs, false));
        assertEquals("cannot write a value of type struct point", e.getMessage());
        assertThrows(EvalException.class, () -> scope.set("nope", "1", refs, false));
    }

    @Test
    void aValueThatIsAnExpressionIsEvaluatedAndItsValueWritten() throws Exception {
        Value n = scalar("n", "int", "5");
        Value computed = scalar("n * 2", "int", "10");
        doThrow(new EvaluationException("not a number: 'n * 2'")).when(vars).write(n, "n * 2", state);
        Evaluator evaluator = mock(Evaluator.class);
        when(vars.evaluator()).thenReturn(evaluator);
        when(evaluator.evaluate("n * 2", 0x40, state)).thenReturn(computed);
        writer.write(n, "n * 2");
        verify(vars).write(n, "10", state);
        Value c = scalar("'a'", "char", "97 'a'");
        when(evaluator.evaluate("c", 0x40, state)).thenReturn(c);
        doThrow(new EvaluationException("not a number: 'c'")).when(vars).write(n, "c", state);
        writer.write(n, "c");
        verify(vars).write(n, "97", state);
        verify(vars, never()).write(n, "97 'a'", state);
    }
}
