package dev.trapdoor.engine.debug.vars;

import dev.trapdoor.engine.dwarf.EvaluationException;
import dev.trapdoor.engine.dwarf.Value;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Watch and hover expressions over a stopped C program. */
class EvaluatorTest {
    static final List<String> ALL = VarsProgram.ALL;

    /** Evaluates and checks "display : type"; inside a stop. */
    private static void eq(VarsProgram.Stop stop, String expression, String display, String type) {
        try {
            Value v = stop.eval(expression);
            assertEquals(display + " : " + type, v.display() + " : " + v.typeName(), expression);
            assertEquals(expression, v.name());
        } catch (EvaluationException e) {
            throw new AssertionError(expression + ": " + e.getMessage(), e);
        }
    }

    private static void fails(VarsProgram.Stop stop, String expression, String message) {
        EvaluationException e = assertThrows(EvaluationException.class, () -> stop.eval(expression), expression);
        assertTrue(e.getMessage().contains(message), expression + ": " + e.getMessage());
    }

    @ParameterizedTest
    @FieldSource("ALL")
    void membersElementsPointersAndArithmetic(String fixture) {
        VarsProgram p = new VarsProgram(fixture);
        p.breakAt("BP_INSPECT");
        p.run("inspect", stop -> {
            eq(stop, "p.x + arr[2] * 2", "65", "int");
            eq(stop, "pts[1].y", "10", "int");
            eq(stop, "grid[1][2]", "5", "int");
            eq(stop, "r.max.x - r.min.x", "14", "int");
            eq(stop, "*r.label", "98 'b'", "const char");
            eq(stop, "r.label[2]", "120 'x'", "const char");
            eq(stop, "(char) 65", "65 'A'", "char");
            eq(stop, "(char) (arr[0] + 55)", "65 'A'", "char");
            eq(stop, "(unsigned char) -1", "255", "unsigned char");
            eq(stop, "(int) 3.9", "3", "int");
            eq(stop, "(double) 1 / 4", "0.25", "double");
            eq(stop, "10 / 4", "2", "int");
            eq(stop, "10.0 / 4", "2.5", "double");
            eq(stop, "-7 % 3", "-1", "int");
            eq(stop, "1 << 4 | 1", "17", "int");
            eq(stop, "~0", "-1", "int");
            eq(stop, "arr[1] > arr[0]", "1", "int");
            eq(stop, "p.x == 5 && p.y != 5", "1", "int");
            eq(stop, "arr[0] == 0 || arr[3] >= 40", "1", "int");
            eq(stop, "-1 < 1u", "0", "int");
            eq(stop, "0x10 + 'a'", "113", "int");
            eq(stop, "fl.b * 2", "-6", "int");
            eq(stop, "fl.a + fl.c", "6", "unsigned int");
            eq(stop, "u.f * 2", "3", "float");
            eq(stop, "&arr[1] - &arr[0]", "1", "int");
            eq(stop, "*(arr + 3)", "40", "int");
            eq(stop, "g_grid[1][0] + g_counter", "11", "int");
            eq(stop, "g_nodes[0].next->next->value", "3", "int");
            eq(stop, "*g_nodes[0].next", "{value=2, next=0x"
                    + Long.toHexString(p.vars.read(p.vars.globals(stop.offset(0)).stream()
                            .filter(v -> v.name().equals("g_nodes")).findFirst().orElseThrow(), stop.state(0))
                            .children().get(2).address().orElseThrow()) + "}", "struct node");
            Value addressOfP = evaluate(stop, "&p");
            assertEquals("point_t *", addressOfP.typeName());
            assertEquals(stop.value("p").address(), addressOfP.memoryReference());
            eq(stop, "(&p)->y", "10", "int");
            eq(stop, "*&p", "{x=5, y=10}", "point_t");
            Value pointee = evaluate(stop, "*pp");
            if (pointee.unavailable().isEmpty()) {
                assertEquals("{x=5, y=10}", pointee.display());
                eq(stop, "pp->y + pp[0].x", "15", "int");
            }
            if (stop.value("t").unavailable().isEmpty()) {
                eq(stop, "t + 1", "4000000001", "unsigned int");
                eq(stop, "ll / 1000000000", "-5", "long long");
                eq(stop, "d < 0", "1", "int");
                eq(stop, "f * 2", "7", "float");
                eq(stop, "(int) c", "6", "int");
                eq(stop, "c == 6", "1", "int");
            }
            eq(stop, "g_big_array[299]", "0", "int");
        }, 5);
    }

    private static Value evaluate(VarsProgram.Stop stop, String expression) {
        try {
            return stop.eval(expression);
        } catch (EvaluationException e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest
    @FieldSource("ALL")
    void errorsForAPerson(String fixture) {
        VarsProgram p = new VarsProgram(fixture);
        p.breakAt("BP_INSPECT");
        p.run("inspect", stop -> {
            fails(stop, "foo + 1", "no variable named 'foo'");
            fails(stop, "*arr[0]", "cannot dereference int");
            fails(stop, "p->x", "use '.'");
            fails(stop, "p.z", "point_t has no member named 'z'");
            fails(stop, "arr[0].x", "int has no members");
            fails(stop, "1 / (arr[0] - 10)", "division by zero");
            fails(stop, "(p.x", "expected ')'");
            fails(stop, "p.x +", "unexpected end of expression");
            fails(stop, "p $ 1", "unexpected '$'");
            fails(stop, "&fl.a", "cannot take the address of bitfield a");
            fails(stop, "g_dangling[0] + 1", "cannot read memory at 0x7ffffff0");
            fails(stop, "*g_sink", "cannot dereference void *volatile");
            fails(stop, "p + 1", "cannot apply '+' to point_t");
            if (stop.value("nul").unavailable().isEmpty()) {
                fails(stop, "*nul", "null pointer");
            }
            if (p.optimized()) {
                fails(stop, "s[0]", "'s' is optimized out");
                fails(stop, "&c", "cannot take the address of c: it is not in memory");
            }
        }, 5);
    }

    @ParameterizedTest
    @FieldSource("ALL")
    void conditionsOverALoopVariable(String fixture) {
        VarsProgram p = new VarsProgram(fixture);
        long head = p.instance.invoke("list_head")[0];
        p.breakAt("BP_LIST");
        int[] matches = {0};
        p.run("list_sum", stop -> {
            try {
                Value it = stop.value("it");
                if (it.unavailable().isPresent()) {
                    return;
                }
                if (stop.eval("it->value == 2 && it->next != 0").display().equals("1")) {
                    matches[0]++;
                    assertEquals("3", stop.eval("it->next->value").display());
                }
            } catch (EvaluationException e) {
                throw new AssertionError(e);
            }
        }, head);
        if (!p.optimized()) {
            assertEquals(1, matches[0]);
        }
    }
}
