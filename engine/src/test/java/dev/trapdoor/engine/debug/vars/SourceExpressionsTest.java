package dev.trapdoor.engine.debug.vars;

import dev.trapdoor.engine.dwarf.EvaluationException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * C++ and Rust expressions over the examples: implicit {@code this} and base-class members in a C++ method, casts by
 * type name, {@code size()}; Rust's auto-dereferencing {@code .}, indexing of formatted sequences ({@code Vec},
 * {@code std::vector}), {@code len()} and the fields of an enum's active variant.
 */
class SourceExpressionsTest {
    private static String eval(ExampleProgram.Stop stop, String expression) {
        try {
            return stop.eval(expression).display();
        } catch (EvaluationException e) {
            throw new AssertionError(expression + ": " + e.getMessage(), e);
        }
    }

    @Test
    void cppMethodsSeeTheirMembersAndTheirBasesMembers() {
        ExampleProgram p = new ExampleProgram("shapes-debug.wasm");
        p.breakAt("BP_AREA");
        p.run(stop -> {
            assertEquals("6", eval(stop, "w_ * h_"));
            assertEquals("1", eval(stop, "id_"), "a member of the base class Shape");
            assertEquals("1", eval(stop, "this->id_"));
            assertEquals("7", eval(stop, "result + id_"));
        });
    }

    @Test
    void cppCastsByTypeNameReachTheDerivedClass() {
        ExampleProgram p = new ExampleProgram("shapes-debug.wasm");
        p.breakAt("BP_MAIN");
        p.run(stop -> {
            assertEquals("2", eval(stop, "((geo::Rect*)poly)->w_"));
            assertEquals("3", eval(stop, "((Rect*)poly)->h_"), "a class by its own name");
            assertEquals("6", eval(stop,
                    "static_cast<geo::Rect*>(poly)->w_ * reinterpret_cast<geo::Rect *>(poly)->h_"));
            assertEquals("1", eval(stop, "((geo::Shape*)poly)->id_"));
            assertEquals("10", eval(stop, "*(int*)&numbers[0]"));
            assertEquals("30", eval(stop, "(numbers[2])"), "a parenthesized name is no cast");
            assertThrowsWith(stop, "(Nowhere*)poly", "unknown type 'Nowhere'");
        });
    }

    private static void assertThrowsWith(ExampleProgram.Stop stop, String expression, String message) {
        try {
            stop.eval(expression);
            throw new AssertionError(expression + " evaluated");
        } catch (EvaluationException e) {
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains(message), e.getMessage());
        }
    }

    @Test
    void cppVectorsIndexLikeArrays() {
        ExampleProgram p = new ExampleProgram("shapes-debug.wasm");
        p.breakAt("BP_MAIN");
        p.run(stop -> {
            assertEquals("30", eval(stop, "numbers[2]"));
            assertEquals("5", eval(stop, "triple[1]"));
            assertEquals("50", eval(stop, "numbers[0] + numbers[1] + triple[0] * 4 + 4"));
        });
    }

    @Test
    void rustDotDereferencesAndVecsIndex() {
        ExampleProgram p = new ExampleProgram("inventory-debug.wasm");
        p.breakAt("BP_MAIN");
        p.run(stop -> {
            assertEquals("30", eval(stop, "numbers[2]"));
            assertEquals("\"apple\"", eval(stop, "inv.items[1].name"));
            assertEquals("40", eval(stop, "inv.items[1].cents"));
            assertEquals("\"ada\"", eval(stop, "inv.owner"));
        });
    }

    @Test
    void rustLenAndEnumVariantFields() {
        ExampleProgram p = new ExampleProgram("inventory-debug.wasm");
        p.breakAt("BP_MAIN");
        p.run(stop -> {
            assertEquals("4", eval(stop, "numbers.len()"));
            assertEquals("2", eval(stop, "slice.len()"));
            assertEquals("5", eval(stop, "text.len()"));
            assertEquals("3", eval(stop, "inv.owner.len() + 0"));
            assertEquals("3", eval(stop, "inv.items.len()"));
            assertEquals("9", eval(stop, "kind.1"), "the active variant's tuple field");
            assertEquals("\"tv\"", eval(stop, "kind.0"));
            assertEquals("95", eval(stop, "inv.items[1].kind.calories"), "a struct variant's field");
            assertEquals("7", eval(stop, "maybe.0"));
            assertEquals(eval(stop, "1 == 1"), eval(stop, "kind.1 * 2 == 18 && numbers.len() > 3"));
            assertEquals(eval(stop, "1 == 0"), eval(stop, "kind.1 == 8"));
            assertThrowsWith(stop, "inv.items[0].kind.calories", "variant Tool");
            assertThrowsWith(stop, "kind.Food", "kind is Gadget, not Food");
        });
    }

    @Test
    void cppSizeOfStandardContainers() {
        ExampleProgram p = new ExampleProgram("shapes-debug.wasm");
        p.breakAt("BP_MAIN");
        p.run(stop -> {
            assertEquals("3", eval(stop, "numbers.size()"));
            assertEquals("40", eval(stop, "long_text.size()"));
        });
    }

    @Test
    void rustSelfIsAReferenceThatDotSeesThrough() {
        ExampleProgram p = new ExampleProgram("inventory-debug.wasm");
        p.breakAt("BP_ADD");
        p.run(stop -> {
            assertEquals("\"ada\"", eval(stop, "self.owner"));
            assertEquals("1", eval(stop, "*count"));
        });
    }
}
