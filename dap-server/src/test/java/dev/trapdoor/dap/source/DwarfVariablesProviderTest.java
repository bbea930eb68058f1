package dev.trapdoor.dap.source;

import dev.trapdoor.dap.adapt.EvalException;
import dev.trapdoor.dap.adapt.VariableRefs;
import dev.trapdoor.dap.handler.HandlerFixtures;
import dev.trapdoor.engine.debug.DebugFrame;
import dev.trapdoor.engine.dwarf.EvaluationException;
import dev.trapdoor.engine.dwarf.Evaluator;
import dev.trapdoor.engine.dwarf.SourceMap;
import dev.trapdoor.engine.dwarf.SourceVariables;
import dev.trapdoor.engine.dwarf.Value;
import dev.trapdoor.engine.dwarf.Variable;
import dev.trapdoor.engine.dwarf.VariableScope;
import dev.trapdoor.engine.dwarf.VariableScope.Kind;
import dev.trapdoor.engine.exec.Instance;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.trapdoor.dap.source.CValues.scalar;
import static dev.trapdoor.dap.source.CValues.variable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The provider against a mocked {@link SourceVariables}: at pc 0x40, {@code clamp(value, limit)} is inlined into
 * {@code main} inside a block declaring {@code i}; main has {@code value}, {@code i} and {@code total}; the unit has
 * global {@code calls}.
 */
class DwarfVariablesProviderTest {
    private static final int PC = 0x40;
    private final SourceMap map = mock(SourceMap.class);
    private final SourceVariables vars = mock(SourceVariables.class);
    private final Evaluator evaluator = mock(Evaluator.class);
    private final DebugFrame frame = HandlerFixtures.frame("main", 1, PC);
    private final Instance instance = mock(Instance.class);
    private final DwarfVariablesProvider provider = new DwarfVariablesProvider();

    private final Variable clampI = variable("i", false);
    private final Variable clampValue = variable("value", true);
    private final Variable limit = variable("limit", true);
    private final Variable mainValue = variable("value", false);
    private final Variable mainI = variable("i", false);
    private final Variable total = variable("total", false);
    private final Variable mainOuterI = variable("i", false);
    private final Variable calls = variable("calls", false);

    DwarfVariablesProviderTest() {
        when(map.variables()).thenReturn(vars);
        when(vars.evaluator()).thenReturn(evaluator);
        when(vars.scopesAt(PC)).thenReturn(List.of(new VariableScope("block", Kind.BLOCK, List.of(clampI)),
                new VariableScope("clamp", Kind.INLINED_FUNCTION, List.of(clampValue, limit)),
                new VariableScope("block", Kind.BLOCK, List.of(mainI)),
                new VariableScope("main", Kind.FUNCTION, List.of(mainValue, total, mainOuterI))));
        when(vars.globals(PC)).thenReturn(List.of(calls));
        read(clampI, "1");
        read(clampValue, "12");
        read(limit, "10");
        read(mainValue, "7");
        read(mainI, "3");
        read(total, "120");
        read(mainOuterI, "-1");
        read(calls, "0");
    }

    private final java.util.Map<Variable, Value> values = new java.util.HashMap<>();

    private void read(Variable v, String display) {
        Value value = scalar(v.name(), "int", display);
        values.put(v, value);
        when(vars.read(eq(v), any())).thenReturn(value);
    }

    private FrameAt at(int depth) {
        return new FrameAt(frame, depth, instance, map);
    }

    private List<org.eclipse.lsp4j.debug.Variable> scope(int depth, String name) {
        VariableRefs refs = new VariableRefs();
        for (SourceVariablesProvider.NamedScope s : provider.scopes(at(depth))) {
            if (s.name().equals(name)) {
                return s.container().children(refs, false);
            }
        }
        throw new AssertionError("no scope " + name);
    }

    @Test
    void eachSourceFrameHasItsOwnLocalsInnermostBlockFirst() {
        assertEquals(List.of("Locals", "Globals"), provider.scopes(at(0)).stream()
                .map(SourceVariablesProvider.NamedScope::name).toList());
        assertEquals(List.of("i", "value", "limit"), scope(0, "Locals").stream()
                .map(org.eclipse.lsp4j.debug.Variable::getName).toList());
        var main = scope(1, "Locals");
        assertEquals(List.of("i", "value", "total", "i (shadowed)"), main.stream()
                .map(org.eclipse.lsp4j.debug.Variable::getName).toList());
        assertEquals("7", main.get(1).getValue());
        assertNull(main.get(3).getEvaluateName(), "C cannot name a shadowed variable");
        assertEquals("0", scope(0, "Globals").get(0).getValue());
    }

    @Test
    void noDebugInfoHereMeansNoScopesAndNothingToSay() {
        when(vars.scopesAt(PC)).thenReturn(List.of());
        assertEquals(List.of(), provider.scopes(at(0)));
        SourceVariablesProvider.Evaluation e = provider.evaluate("x", at(0));
        assertFalse(e.found());
        assertNull(e.declined());
    }

    @Test
    void aNameIsLookedUpInTheSelectedSourceFrame() {
        assertEquals("12", provider.evaluate("value", at(0)).value().display());
        assertEquals("7", provider.evaluate("value", at(1)).value().display());
        assertEquals("0", provider.evaluate("calls", at(1)).value().display());
        SourceVariablesProvider.Evaluation notMine = provider.evaluate("limit", at(1));
        assertFalse(notMine.found());
        assertTrue(notMine.declined().contains("limit"), notMine.declined());
    }

    @Test
    void anExpressionNamingAnotherFramesVariableIsRefused() throws Exception {
        EvalException e = assertThrows(EvalException.class, () -> provider.evaluate("value + 1", at(1)));
        assertTrue(e.getMessage().contains("'value'"), e.getMessage());
        Value sum = scalar("total + 1", "int", "121");
        when(evaluator.evaluate(eq("total + 1"), eq(PC), any())).thenReturn(sum);
        assertEquals("121", provider.evaluate("total + 1", at(1)).value().display());
    }

    @Test
    void syntaxAndUnknownNamesDeclineOtherFailuresAreErrors() throws Exception {
        when(evaluator.evaluate(eq("$0 + 1"), eq(PC), any()))
                .thenThrow(new EvaluationException("unexpected '$' at position 1"));
        when(evaluator.evaluate(eq("q + 1"), eq(PC), any()))
                .thenThrow(new EvaluationException("no variable named 'q'"));
        when(evaluator.evaluate(eq("*total"), eq(PC), any()))
                .thenThrow(new EvaluationException("cannot dereference int"));
        assertEquals("unexpected '$' at position 1", provider.evaluate("$0 + 1", at(0)).declined());
        assertEquals("no variable named 'q'", provider.evaluate("q + 1", at(0)).declined());
        EvalException e = assertThrows(EvalException.class, () -> provider.evaluate("*total", at(1)));
        assertEquals("cannot dereference int", e.getMessage());
    }

    @Test
    void conditionsUseCTruth() throws Exception {
        Value one = scalar("i == 3", "int", "1");
        Value zero = scalar("(p) && 1", "int", "0");
        Value nul = scalar("p", "char *", "0x0");
        when(evaluator.evaluate(eq("i == 3"), eq(PC), any())).thenReturn(one);
        when(evaluator.evaluate(eq("(i == 3) && 1"), eq(PC), any())).thenReturn(one);
        when(evaluator.evaluate(eq("p"), eq(PC), any())).thenReturn(nul);
        when(evaluator.evaluate(eq("(p) && 1"), eq(PC), any())).thenReturn(zero);
        assertEquals(true, provider.holds("i == 3", at(0)).orElseThrow());
        assertEquals(false, provider.holds("p", at(0)).orElseThrow());
        when(evaluator.evaluate(eq("$0"), anyInt(), any())).thenThrow(new EvaluationException(
                "unexpected '$' at position 1"));
        assertTrue(provider.holds("$0", at(0)).isEmpty(), "a Wasm-level condition is not the source level's");
    }

    @Test
    void assignWritesTheSelectedFramesVariable() throws Exception {
        var stored = provider.assign("value", "9", at(1));
        assertTrue(stored.isPresent());
        verify(vars).write(eq(values.get(mainValue)), eq("9"), any());
        when(evaluator.evaluate(eq("$1"), anyInt(), any())).thenThrow(new EvaluationException(
                "unexpected '$' at position 1"));
        assertTrue(provider.assign("$1", "9", at(0)).isEmpty());
    }

    @Test
    void completionsOfferTheFramesNamesAndGlobals() {
        assertEquals(List.of("i", "value", "limit", "calls"), provider.names(at(0)));
    }
}
