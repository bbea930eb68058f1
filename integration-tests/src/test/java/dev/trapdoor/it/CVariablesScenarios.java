package dev.trapdoor.it;

import org.eclipse.lsp4j.debug.*;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Typed C variables over DAP on {@code examples/cvars.c} (built at -O0): the C scopes, expanding structs, arrays and
 * pointers, C expressions in watch, hover and REPL, changing a C variable, C conditions and logpoints. Run by each
 * transport as a nested class of {@link DapStdioIT} and {@link DapTcpIT}.
 */
abstract class CVariablesScenarios {
    private static final Pattern HEX = Pattern.compile("0x[0-9a-f]+");

    abstract DapClient open() throws Exception;

    static int line(String marker) {
        return DapClient.line(DapClient.CVARS_C, marker);
    }

    private static void breakAt(DapClient c, SourceBreakpoint... bps) {
        try {
            for (Breakpoint b : c.setBreakpoints(DapClient.CVARS_C, bps).getBreakpoints()) {
                assertTrue(b.isVerified(), "verified: " + b);
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static SourceBreakpoint at(String marker) {
        SourceBreakpoint bp = new SourceBreakpoint();
        bp.setLine(line(marker));
        return bp;
    }

    private static List<String> complete(DapClient c, String text, int frame) throws Exception {
        CompletionsArguments a = new CompletionsArguments();
        a.setText(text);
        a.setColumn(text.length() + 1);
        a.setFrameId(frame);
        return Arrays.stream(DapClient.get(c.server.completions(a)).getTargets()).map(CompletionItem::getLabel)
                .toList();
    }

    @Test
    void completesStructMembersAfterDotAndArrowAndWasmNamesAfterDollar() throws Exception {
        try (DapClient c = open()) {
            c.start(DapClient.launchArgs(DapClient.CVARS), () -> breakAt(c, at("report")));
            c.awaitStopped();
            int frame = c.top().getId();
            assertEquals(List.of("x", "y"), complete(c, "pt.", frame));
            assertEquals(List.of("y"), complete(c, "pt.y", frame));
            assertEquals(List.of("x", "y"), complete(c, "1 + p->", frame));
            assertEquals(List.of("origin", "color", "label"), complete(c, "shape.", frame));
            assertEquals(List.of("x", "y"), complete(c, "shape.origin.", frame));
            List<String> wasm = complete(c, "$", frame);
            assertTrue(wasm.contains("$0") && wasm.stream().allMatch(n -> n.startsWith("$")), wasm.toString());
            c.cont();
            assertEquals(0, c.exitCode());
        }
    }

    @Test
    void readsExpandsAndEvaluatesCVariablesThenChangesOne() throws Exception {
        try (DapClient c = open()) {
            c.start(DapClient.launchArgs(DapClient.CVARS), () -> breakAt(c, at("report")));
            assertEquals("breakpoint", c.awaitStopped().getReason());
            StackFrame top = c.top();
            assertEquals("main", top.getName());
            assertEquals(line("report"), top.getLine());
            ScopesArguments sa = new ScopesArguments();
            sa.setFrameId(top.getId());
            List<String> scopes = Arrays.stream(DapClient.get(c.server.scopes(sa)).getScopes()).map(Scope::getName)
                    .toList();
            assertEquals(List.of("Locals", "Globals", "Wasm Locals", "Operand Stack", "Wasm Globals", "Module"),
                    scopes);

            Variable[] locals = c.scope(top.getId(), "Locals");
            assertCVariable(locals, "factor", "2", "int");
            assertCVariable(locals, "total", "300", "int");
            assertCVariable(locals, "color", "GREEN", "enum color");
            assertCVariable(locals, "pt", "{x=3, y=4}", "struct point");
            Variable name = DapClient.variable(locals, "name");
            assertEquals("const char *", name.getType());
            assertTrue(name.getValue().matches("0x[0-9a-f]+ \"trapdoor\""), name.getValue());
            assertFalse(Arrays.stream(locals).anyMatch(v -> v.getName().equals("i")), "the loop's i is out of scope");

            // The struct: members with the expressions that read them again.
            Variable pt = DapClient.variable(locals, "pt");
            assertNotNull(pt.getMemoryReference(), "pt lives in linear memory");
            Variable[] members = c.children(pt.getVariablesReference(), null, null);
            assertEquals("4", DapClient.value(members, "y"));
            assertEquals("pt.y", DapClient.variable(members, "y").getEvaluateName());

            // The array: indexed, and paged as VS Code asks.
            Variable arr = DapClient.variable(locals, "arr");
            assertEquals("int[5]", arr.getType());
            assertEquals("{10, 20, 30, 40, 50}", arr.getValue());
            assertEquals(5, arr.getIndexedVariables());
            Variable[] page = c.children(arr.getVariablesReference(), 1, 2);
            assertEquals(List.of("[1]", "[2]"), Arrays.stream(page).map(Variable::getName).toList());
            assertEquals("30", page[1].getValue());
            assertEquals("arr[2]", page[1].getEvaluateName());

            // The pointer: its memory reference is the pointee's address; it expands to the pointee.
            Variable p = DapClient.variable(locals, "p");
            assertEquals("struct point *", p.getType());
            assertEquals("mem:0@" + p.getValue(), p.getMemoryReference());
            assertEquals(pt.getMemoryReference(), p.getMemoryReference());
            Variable[] pointee = c.children(p.getVariablesReference(), null, null);
            assertEquals("*p", pointee[0].getName());
            assertEquals("{x=3, y=4}", pointee[0].getValue());
            Variable[] viaPointer = c.children(pointee[0].getVariablesReference(), null, null);
            assertEquals("p->x", DapClient.variable(viaPointer, "x").getEvaluateName());

            // Nested struct, and the unit's globals (a static array longer than a page).
            Variable[] shape = c.children(DapClient.variable(locals, "shape").getVariablesReference(), null, null);
            Variable[] origin = c.children(DapClient.variable(shape, "origin").getVariablesReference(), null, null);
            assertEquals("shape.origin.x", DapClient.variable(origin, "x").getEvaluateName());
            Variable[] globals = c.scope(top.getId(), "Globals");
            assertCVariable(globals, "calls", "0", "int");
            Variable squares = DapClient.variable(globals, "squares");
            assertEquals(40, squares.getIndexedVariables());
            assertEquals(List.of("4", "9", "16"), Arrays.stream(c.children(squares.getVariablesReference(), 2, 3))
                    .map(Variable::getValue).toList());

            // C expressions in the contexts VS Code uses.
            EvaluateResponse twice = c.evaluate("p->x * 2", top.getId(), "watch");
            assertEquals("6", twice.getResult());
            assertEquals("int", twice.getType());
            assertEquals("50", c.evaluate("arr[1] + arr[2]", top.getId(), "watch").getResult());
            EvaluateResponse hover = c.evaluate("name", top.getId(), "hover");
            assertEquals("const char *", hover.getType());
            assertTrue(hover.getResult().endsWith("\"trapdoor\""), hover.getResult());
            EvaluateResponse deref = c.evaluate("*p", top.getId(), "watch");
            assertTrue(deref.getVariablesReference() > 0, "*p expands");
            EvaluateResponse address = c.evaluate("&pt", top.getId(), "repl");
            assertTrue(HEX.matcher(address.getResult()).find(), address.getResult());
            assertEquals("66", c.evaluate("(char) 'B'", top.getId(), "watch").getResult().split(" ")[0]);
            ResponseErrorException noMember = assertThrows(ResponseErrorException.class,
                    () -> c.evaluate("p->z", top.getId(), "watch"));
            assertTrue(noMember.getMessage().contains("no member named 'z'"), noMember.getMessage());
            ResponseErrorException unknown = assertThrows(ResponseErrorException.class,
                    () -> c.evaluate("totl + 1", top.getId(), "watch"));
            assertTrue(unknown.getMessage().contains("no variable named 'totl'"), unknown.getMessage());
            // What C does not know still goes to the Wasm level.
            assertEquals("i32", c.evaluate("mem32[0x1000]", top.getId(), "watch").getType());

            // Change a member through its evaluateName: weigh(p, factor) then sees it.
            SetExpressionArguments se = new SetExpressionArguments();
            se.setExpression("p->y");
            se.setValue("7");
            se.setFrameId(top.getId());
            assertEquals("7", DapClient.get(c.server.setExpression(se)).getValue());
            assertEquals("{x=3, y=7}", c.evaluate("pt", top.getId(), "watch").getResult());
            se.setExpression("pt");
            ResponseErrorException struct = assertThrows(ResponseErrorException.class,
                    () -> DapClient.get(c.server.setExpression(se)));
            assertTrue(struct.getMessage().contains("cannot write"), struct.getMessage());

            c.setLines();
            c.cont();
            assertEquals(0, c.exitCode());
            // 3 * 2 + 7 + 2
            assertTrue(c.output("stdout").contains("weight 15"), c.output("stdout"));
        }
    }

    @Test
    void aCConditionStopsOnceAndTheProgramUsesAChangedVariable() throws Exception {
        try (DapClient c = open()) {
            SourceBreakpoint when = at("loop-body");
            when.setCondition("i == 3");
            SourceBreakpoint log = at("square");
            log.setLogMessage("square i={i} total={total}");
            c.start(DapClient.launchArgs(DapClient.CVARS), () -> breakAt(c, when, log));
            assertEquals("breakpoint", c.awaitStopped().getReason());
            StackFrame top = c.top();
            Variable[] locals = c.scope(top.getId(), "Locals");
            assertEquals("3", DapClient.value(locals, "i"));
            assertEquals("120", DapClient.value(locals, "total")); // (10 + 20 + 30) * 2

            SetVariableArguments set = new SetVariableArguments();
            set.setVariablesReference(c.scopeRef(top.getId(), "Locals"));
            set.setName("factor");
            set.setValue("10");
            SetVariableResponse changed = DapClient.get(c.server.setVariable(set));
            assertEquals("10", changed.getValue());
            assertEquals("int", changed.getType());
            set.setName("pt");
            set.setValue("1");
            assertThrows(ResponseErrorException.class, () -> DapClient.get(c.server.setVariable(set)));

            c.cont();
            assertEquals(0, c.exitCode());
            assertEquals(1, c.names().stream().filter("stopped"::equals).count(), "stopped exactly once");
            assertTrue(c.output("stdout").contains("total 1020"), c.output("stdout")); // 120 + (40 + 50) * 10
            String console = c.output("console");
            for (int i = 0; i < 5; i++) {
                assertTrue(console.contains("square i=" + i + " total="), console);
            }
            assertTrue(console.contains("square i=4 total=520"), console);
        }
    }

    @Test
    void stepOutOfAnInlinedFrameStopsInItsCallerBeforeTheRestOfTheLine() throws Exception {
        try (DapClient c = open()) {
            c.start(DapClient.launchArgs(DapClient.CVARS), () -> breakAt(c, at("clamp")));
            c.awaitStopped();
            StackFrame[] inside = c.frames();
            assertEquals("clamp [inlined]", inside[0].getName());
            c.setLines();
            c.stepOut(SteppingGranularity.LINE);
            StackFrame[] out = c.frames();
            assertEquals("main", out[0].getName(), "stopped in the caller, not past it");
            assertEquals(inside.length - 1, out.length);
            // The printf on the line of the inlined call has not run yet.
            assertFalse(c.output("stdout").contains("clamped"), c.output("stdout"));
            c.cont();
            assertEquals(0, c.exitCode());
            assertTrue(c.output("stdout").contains("clamped 10"), c.output("stdout"));
        }
    }

    @Test
    void anInlinedFrameAndItsCallerEachShowTheirOwnVariables() throws Exception {
        try (DapClient c = open()) {
            c.start(DapClient.launchArgs(DapClient.CVARS), () -> breakAt(c, at("clamp")));
            c.awaitStopped();
            StackFrame[] frames = c.frames();
            assertEquals("clamp [inlined]", frames[0].getName());
            assertEquals("main", frames[1].getName());
            Variable[] inlined = c.scope(frames[0].getId(), "Locals");
            assertEquals("10", DapClient.value(inlined, "limit"));
            assertEquals("12", DapClient.value(inlined, "value")); // weigh(): 3 * 2 + 4 + 2
            assertEquals("parameter", DapClient.variable(inlined, "limit").getPresentationHint().getKind());
            Variable[] caller = c.scope(frames[1].getId(), "Locals");
            assertEquals("12", DapClient.value(caller, "weight"));
            assertFalse(Arrays.stream(caller).anyMatch(v -> v.getName().equals("limit")), "limit is clamp's");
            assertEquals("10", c.evaluate("limit", frames[0].getId(), "hover").getResult());
            assertEquals("12", c.evaluate("weight", frames[1].getId(), "hover").getResult());
            ResponseErrorException notHere = assertThrows(ResponseErrorException.class,
                    () -> c.evaluate("limit", frames[1].getId(), "hover"));
            assertTrue(notHere.getMessage().contains("limit"), notHere.getMessage());
            c.setLines();
            c.cont();
            assertEquals(0, c.exitCode());
        }
    }

    private static void assertCVariable(Variable[] vars, String name, String value, String type) {
        Variable v = DapClient.variable(vars, name);
        assertEquals(value, v.getValue(), name);
        assertEquals(type, v.getType(), name);
        assertEquals(name, v.getEvaluateName(), name);
    }
}
