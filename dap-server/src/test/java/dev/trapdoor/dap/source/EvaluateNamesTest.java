package dev.trapdoor.dap.source;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class EvaluateNamesTest {
    @Test
    void membersElementsAndPointees() {
        assertEquals("s.origin", EvaluateNames.child("s", "origin"));
        assertEquals("s.origin.x", EvaluateNames.child("s.origin", "x"));
        assertEquals("arr[3]", EvaluateNames.child("arr", "[3]"));
        assertEquals("grid[1][2]", EvaluateNames.child("grid[1]", "[2]"));
        assertEquals("*p", EvaluateNames.child("p", "*p"));
        assertEquals("p->x", EvaluateNames.child("*p", "x"));
        assertEquals("**pp", EvaluateNames.child("*pp", "**pp"));
    }

    @Test
    void compoundParentsAreParenthesized() {
        assertEquals("(*(p + 1)).x", EvaluateNames.child("*(p + 1)", "x"));
        assertEquals("(a + b)[0]", EvaluateNames.child("a + b", "[0]"));
        assertEquals("*(p + 1)", EvaluateNames.child("p + 1", "*(p + 1)"));
    }

    @Test
    void anonymousMembersAndUnnamedParentsHaveNoExpression() {
        assertNull(EvaluateNames.child("u", "<anonymous>"));
        assertNull(EvaluateNames.child(null, "x"));
    }
}
