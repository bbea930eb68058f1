package dev.trapdoor.engine.debug.vars;

import dev.trapdoor.engine.dwarf.Value;
import dev.trapdoor.engine.dwarf.Variable;
import dev.trapdoor.engine.dwarf.VariableScope;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Values and type names of the fixture's variables at marker lines, at -O0 and -O2. At -O2 a variable may be
 * unavailable, but when it has a value it must be the one the program computed.
 */
class VariableValuesTest {
    static final List<String> ALL = VarsProgram.ALL;
    static final List<String> O0 = VarsProgram.O0;

    /** Asserts the type name, and the display unless the variable is unavailable in optimized code. */
    private static void check(VarsProgram p, VarsProgram.Stop stop, String name, String type, String display) {
        Value v = stop.value(name);
        assertEquals(type, v.typeName(), p.fixture + ": type of " + name);
        if (p.optimized() && v.unavailable().isPresent()) {
            return;
        }
        assertEquals(Optional.empty(), v.unavailable(), p.fixture + ": " + name + " available");
        assertEquals(display, v.display(), p.fixture + ": " + name);
    }

    @ParameterizedTest
    @FieldSource("ALL")
    void everyKindOfTypeAtTheInspectLine(String fixture) {
        VarsProgram p = new VarsProgram(fixture);
        p.breakAt("BP_INSPECT");
        p.run("inspect", stop -> {
            check(p, stop, "n", "int", "5");
            check(p, stop, "p", "point_t", "{x=5, y=10}");
            check(p, stop, "arr", "int[4]", "{10, 20, 30, 40}");
            check(p, stop, "grid", "int[2][3]", "{{1, 2, 3}, {4, 5, 5}}");
            check(p, stop, "pts", "struct point[2]", "{{x=7, y=8}, {x=9, y=10}}");
            check(p, stop, "c", "enum color", "BLUE");
            check(p, stop, "u", "union num", "{i=1069547520, f=1.5, bytes={0, 0, 192, 63}}");
            check(p, stop, "fl", "struct flags", "{a=5, b=-3, c=1, rest=1000}");
            check(p, stop, "nul", "char *", "0x0");
            check(p, stop, "f", "float", "3.5");
            check(p, stop, "d", "double", "-0.25");
            check(p, stop, "b", "_Bool", "true");
            check(p, stop, "ll", "long long", "-5000000000");
            check(p, stop, "uc", "unsigned char", "250");
            check(p, stop, "t", "u32", "4000000000");
            check(p, stop, "cvs", "const volatile short", "-7");
            check(p, stop, "oob", "int *", "0x7ffffff0");
            assertEquals("const char *", stop.value("s").typeName());
            if (!p.optimized()) {
                assertTrue(stop.value("s").display().endsWith(" \"hello\""), stop.value("s").display());
            } else {
                assertEquals(Optional.of("optimized out"), stop.value("s").unavailable(), "clang drops s at -O2");
            }
            // Variables whose address escapes stay in memory even at -O2, so these must have values.
            for (String inMemory : List.of("p", "r", "arr", "grid", "pts", "u", "fl")) {
                assertTrue(stop.value(inMemory).address().isPresent(), fixture + ": " + inMemory + " in memory");
            }
            Value r = stop.value("r");
            assertEquals("struct rect", r.typeName());
            assertTrue(r.display().matches("\\{min=\\{x=1, y=2}, max=\\{x=15, y=20}, label=0x[0-9a-f]+ \"box\"}"),
                    r.display());
            Value label = r.children().get(2);
            assertEquals("const char *", label.typeName());
            assertEquals("*label", label.children().get(0).name());
            assertEquals("98 'b'", label.children().get(0).display());
        }, 5);
    }

    @ParameterizedTest
    @FieldSource("ALL")
    void pointersAreAnAddressWithAnExpandablePointee(String fixture) {
        VarsProgram p = new VarsProgram(fixture);
        p.breakAt("BP_INSPECT");
        p.run("inspect", stop -> {
            Value pp = stop.value("pp");
            Value point = stop.value("p");
            assertEquals("point_t *", pp.typeName());
            assertEquals(point.address(), pp.memoryReference(), "a pointer's memory reference is its target");
            assertEquals("0x" + Long.toHexString(point.address().orElseThrow()), pp.display());
            assertEquals(1, pp.childCount());
            Value pointee = pp.children().get(0);
            assertEquals("*pp", pointee.name());
            assertEquals("point_t", pointee.typeName());
            assertEquals("{x=5, y=10}", pointee.display());
            assertEquals(List.of("x", "y"), pointee.children().stream().map(Value::name).toList());

            Value oob = stop.value("oob");
            assertEquals(1, oob.childCount());
            assertEquals(Optional.of("cannot read memory at 0x7ffffff0"), oob.children().get(0).unavailable());
            assertEquals("<cannot read memory at 0x7ffffff0>", oob.children().get(0).display());
            assertEquals(0, stop.value("nul").childCount(), "null has nothing to expand");
        }, 5);
    }

    @ParameterizedTest
    @FieldSource("ALL")
    void arraysNestAndPage(String fixture) {
        VarsProgram p = new VarsProgram(fixture);
        p.breakAt("BP_INSPECT");
        p.run("inspect", stop -> {
            Value grid = stop.value("grid");
            assertEquals(2, grid.childCount());
            Value row = grid.children().get(1);
            assertEquals("[1]", row.name());
            assertEquals("int[3]", row.typeName());
            assertEquals("{4, 5, 5}", row.display());
            assertEquals(grid.address().orElseThrow() + 12, row.address().orElseThrow());
            Value pts = stop.value("pts");
            assertEquals("struct point", pts.children().get(1).typeName());
            assertEquals("10", pts.children().get(1).children().get(1).display());

            Value big = stop.value("g_big_array");
            assertEquals("int[300]", big.typeName());
            assertEquals(300, big.childCount());
            assertEquals(Value.CHILD_CAP, big.children().size(), "children() is capped");
            List<Value> tail = big.children(295, 10);
            assertEquals(List.of("[295]", "[296]", "[297]", "[298]", "[299]"), tail.stream().map(Value::name).toList());
            assertEquals("7", big.children(2, 1).get(0).display());
            assertEquals("{5, 6, 7, 0, 0, 0, 0, 0, 0, 0, ...}", big.display(), "the summary is capped too");
        }, 5);
    }

    @ParameterizedTest
    @FieldSource("ALL")
    void bitfieldsAndUnions(String fixture) {
        VarsProgram p = new VarsProgram(fixture);
        p.breakAt("BP_INSPECT");
        p.run("inspect", stop -> {
            List<Value> fields = stop.value("fl").children();
            assertEquals(List.of("unsigned int : 3", "int : 5", "unsigned int : 1", "unsigned int : 23"),
                    fields.stream().map(Value::typeName).toList());
            assertEquals(List.of("5", "-3", "1", "1000"), fields.stream().map(Value::display).toList());
            assertTrue(fields.get(0).address().isEmpty(), "a bitfield has no address of its own");
            List<Value> views = stop.value("u").children();
            assertEquals(List.of("i", "f", "bytes"), views.stream().map(Value::name).toList());
            assertEquals(views.get(0).address(), views.get(2).address(), "union members share their address");
        }, 5);
    }

    @ParameterizedTest
    @FieldSource("ALL")
    void globalsAndFileStaticsOfTheUnit(String fixture) {
        VarsProgram p = new VarsProgram(fixture);
        p.breakAt("BP_GLOBALS");
        p.run("globals", stop -> {
            List<String> names = p.vars.globals(stop.offset(0)).stream().map(Variable::name).toList();
            assertTrue(names.containsAll(List.of("g_counter", "s_scale", "g_greeting", "g_origin", "g_grid",
                    "g_volatile", "g_big", "g_flag", "g_byte", "g_color", "g_nodes", "g_dangling", "g_big_array")),
                    names.toString());
            assertTrue(p.vars.globals(stop.offset(0)).stream().allMatch(Variable::global));
            check(p, stop, "g_counter", "int", "7");
            check(p, stop, "s_scale", "double", "2.5");
            check(p, stop, "g_origin", "point_t", "{x=3, y=4}");
            check(p, stop, "g_grid", "int[2][3]", "{{1, 2, 3}, {4, 5, 6}}");
            check(p, stop, "g_volatile", "volatile int", "9");
            check(p, stop, "g_big", "long long", "-1234567890123");
            check(p, stop, "g_flag", "_Bool", "true");
            check(p, stop, "g_byte", "unsigned char", "200");
            check(p, stop, "g_color", "enum color", "GREEN");
            check(p, stop, "g_sink", "void *volatile", "0x0");
            Value greeting = stop.value("g_greeting");
            assertTrue(greeting.display().matches("0x[0-9a-f]+ \"hello\""), greeting.display());
            Value nodes = stop.value("g_nodes");
            assertEquals("struct node[3]", nodes.typeName());
            Value next = nodes.children().get(0).children().get(1);
            assertEquals("struct node *", next.typeName());
            assertEquals("{value=2, next=" + nodes.children().get(2).address().map(a -> "0x" + Long.toHexString(a))
                    .orElseThrow() + "}", next.children().get(0).display());
        });
    }

    @ParameterizedTest
    @FieldSource("ALL")
    void lexicalBlocksInnermostFirstWithParametersMarked(String fixture) {
        VarsProgram p = new VarsProgram(fixture);
        p.breakAt("BP_BLOCK");
        List<String> seen = new ArrayList<>();
        p.run("blocks", stop -> {
            List<VariableScope> scopes = stop.scopes(0);
            VariableScope function = scopes.get(scopes.size() - 1);
            assertEquals(VariableScope.Kind.FUNCTION, function.kind());
            assertEquals("blocks", function.name());
            assertEquals(List.of("n", "outer", "total"), function.variables().stream().map(Variable::name).toList());
            assertEquals(List.of(true, false, false),
                    function.variables().stream().map(Variable::parameter).toList());
            if (!p.optimized()) {
                assertEquals(List.of(VariableScope.Kind.BLOCK, VariableScope.Kind.BLOCK, VariableScope.Kind.FUNCTION),
                        scopes.stream().map(VariableScope::kind).toList());
                assertEquals("inner", scopes.get(0).variables().get(0).name());
                assertEquals("i", scopes.get(1).variables().get(0).name());
            }
            Value inner = stop.value("inner");
            Value i = stop.value("i");
            Value outer = stop.value("outer");
            if (inner.unavailable().isEmpty() && i.unavailable().isEmpty() && outer.unavailable().isEmpty()) {
                assertEquals(Long.parseLong(outer.display()) * Long.parseLong(i.display()),
                        Long.parseLong(inner.display()), "inner = outer * i");
            }
            seen.add(i.unavailable().isPresent() ? "?" : i.display());
        }, 3);
        if (!p.optimized()) {
            assertEquals(List.of("0", "1", "2"), seen);
        }
    }

    @ParameterizedTest
    @FieldSource("ALL")
    void inlinedFunctionIsAScopeOfItsOwn(String fixture) {
        VarsProgram p = new VarsProgram(fixture);
        p.breakAt("BP_HELPER");
        p.run("inlined", stop -> {
            List<VariableScope> scopes = stop.scopes(0);
            assertEquals(VariableScope.Kind.INLINED_FUNCTION, scopes.get(0).kind());
            assertEquals("helper", scopes.get(0).name());
            assertEquals(List.of("k", "sq"), scopes.get(0).variables().stream().map(Variable::name).toList());
            assertTrue(scopes.get(0).variables().get(0).parameter());
            assertEquals("inlined", scopes.get(scopes.size() - 1).name());
            check(p, stop, "k", "int", "6");
            check(p, stop, "sq", "int", "36");
            check(p, stop, "before", "int", "6");
            // clang 14 -O2 claims n stays in local 0 for the whole function though the local is reused for
            // "before": reported unavailable rather than as 6.
            check(p, stop, "n", "int", "2");
        }, 2);
    }

    @ParameterizedTest
    @FieldSource("O0")
    void eachFrameOfARecursionHasItsOwnValues(String fixture) {
        VarsProgram p = new VarsProgram(fixture);
        p.breakAt("BP_BASE");
        p.run("sum_down", stop -> {
            assertEquals(4, stop.frames.size());
            for (int frame = 0; frame < 4; frame++) {
                assertEquals(Integer.toString(frame), stop.value(frame, "n").display(), "n in frame " + frame);
                if (frame > 0) {
                    assertEquals(Integer.toString(frame * 10), stop.value(frame, "here").display());
                }
            }
            assertTrue(stop.value(0, "n").address().orElseThrow() < stop.value(1, "n").address().orElseThrow(),
                    "the shadow stack grows down");
        }, 3);
    }

    @ParameterizedTest
    @FieldSource("ALL")
    void optimizedRecursionIsCorrectOrUnavailable(String fixture) {
        VarsProgram p = new VarsProgram(fixture);
        p.breakAt("BP_BASE");
        long result = p.run("sum_down", stop -> {
            for (int frame = 0; frame < stop.frames.size(); frame++) {
                if (!stop.frames.get(frame).functionName().equals("sum_down")) {
                    continue;
                }
                Value n = stop.value(frame, "n");
                if (n.unavailable().isEmpty()) {
                    assertEquals(Integer.toString(frame), n.display(), p.fixture + " frame " + frame);
                } else {
                    assertTrue(p.optimized(), "available at -O0");
                }
                Value here = stop.value(frame, "here");
                if (p.optimized() && frame == 0) {
                    assertEquals(Optional.of("optimized out"), here.unavailable());
                }
            }
        }, 3);
        assertEquals(60 + 7, result);
    }

    @ParameterizedTest
    @FieldSource("ALL")
    void linkedListThroughPointers(String fixture) {
        VarsProgram p = new VarsProgram(fixture);
        long head = p.instance.invoke("list_head")[0];
        p.breakAt("BP_LIST");
        List<String> values = new ArrayList<>();
        p.run("list_sum", stop -> {
            Value it = stop.value("it");
            if (it.unavailable().isPresent()) {
                assertTrue(p.optimized());
                return;
            }
            assertEquals("struct node *", it.typeName());
            Value node = it.children().get(0);
            values.add(node.children().get(0).display());
        }, head);
        if (!p.optimized()) {
            assertEquals(List.of("1", "2", "3"), values);
        } else {
            assertTrue(List.of("1", "2", "3").containsAll(values), values.toString());
        }
    }

    @ParameterizedTest
    @FieldSource("ALL")
    void scalarsInWasmLocalsAtO2(String fixture) {
        VarsProgram p = new VarsProgram(fixture);
        p.breakAt("BP_SCALARS");
        p.run("scalars", stop -> {
            check(p, stop, "a", "int", "3");
            check(p, stop, "b", "int", "4");
            check(p, stop, "sum", "int", "7");
            check(p, stop, "prod", "int", "12");
            if (p.optimized()) {
                assertTrue(stop.value("a").address().isEmpty(), "a lives in a Wasm local at -O2");
                assertEquals(Optional.empty(), stop.value("a").unavailable());
            }
        }, 3, 4);
    }
}
