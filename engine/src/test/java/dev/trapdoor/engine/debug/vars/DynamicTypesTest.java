package dev.trapdoor.engine.debug.vars;

import dev.trapdoor.engine.dwarf.EvaluationException;
import dev.trapdoor.engine.dwarf.Value;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Dynamic types, found from the vtable as lldb does: a C++ {@code Shape*} pointing to a {@code Rect} (the RTTI name
 * the vtable leads to), smart pointers to polymorphic classes, and a Rust {@code &dyn Priced} (the
 * {@code <Item as Priced>::{vtable}} variable the fat pointer's vtable is); expressions reach the dynamic type's
 * members.
 */
class DynamicTypesTest {
    static final List<String> CPP = ExampleProgram.CPP;
    static final List<String> RUST = List.of("inventory-debug.wasm", "inventory-release.wasm");

    @ParameterizedTest
    @FieldSource("CPP")
    void aCppPointerToABaseShowsAndEvaluatesItsDynamicType(String fixture) {
        ExampleProgram p = new ExampleProgram(fixture);
        p.breakAt("BP_MAIN");
        int[] stops = {0};
        p.run(stop -> {
            stops[0]++;
            Value poly = stop.value("poly");
            if (poly.unavailable().isPresent()) {
                assertTrue(p.release(), "poly is there at -O0");
                return;
            }
            assertEquals("geo::Shape *", poly.typeName());
            assertTrue(poly.display().matches("\\(geo::Rect \\*\\) 0x[0-9a-f]+"), poly.display());
            List<Value> children = poly.children();
            assertEquals(List.of("*poly", Value.RAW_VIEW), children.stream().map(Value::name).toList());
            Value object = children.get(0);
            assertEquals("geo::Rect", object.typeName());
            assertTrue(object.display().endsWith(", id_=1}, w_=2, h_=3}"), object.display());
            Value raw = children.get(1).children().get(0);
            assertEquals("geo::Shape", raw.typeName(), "the raw view keeps the static type");

            assertEquals("2", eval(stop, "poly->w_"), "a member of the dynamic type");
            assertEquals("6", eval(stop, "poly->w_ * poly->h_"));
            assertEquals("1", eval(stop, "poly->id_"), "and of the static one");
            assertThrows(EvaluationException.class, () -> stop.eval("poly->r_"));

            Value shared = stop.value("shared");
            if (shared.unavailable().isEmpty()) {
                assertTrue(shared.display().matches("\\(geo::Circle\\) \\{geo::Shape=\\{_vptr\\$Shape=0x[0-9a-f]+, "
                        + "id_=2}, r_=5} \\(use_count=1\\)"), shared.display());
            }
        });
        assertEquals(1, stops[0]);
    }

    @ParameterizedTest
    @FieldSource("RUST")
    void aRustTraitObjectShowsItsConcreteTypeAndFields(String fixture) {
        ExampleProgram p = new ExampleProgram(fixture);
        p.breakAt("BP_MAIN");
        int[] stops = {0};
        p.run(stop -> {
            stops[0]++;
            Value priced = stop.value("priced");
            if (priced.unavailable().isPresent()) {
                assertTrue(p.release(), "priced is there at -O0");
                return;
            }
            assertEquals("&dyn inventory::inventory::Priced", priced.typeName());
            assertTrue(priced.display().startsWith("inventory::inventory::Item {name=\"hammer\", kind=Tool, "
                    + "cents=1250"), priced.display());
            assertEquals(List.of("name", "kind", "cents", Value.RAW_VIEW),
                    priced.children().stream().map(Value::name).toList());
            assertEquals("\"hammer\"", priced.children().get(0).display());
            List<Value> raw = priced.children().get(3).children();
            assertEquals(List.of("pointer", "vtable"), raw.stream().map(Value::name).toList());

            assertEquals("1250", eval(stop, "priced.cents"), "a field of the concrete type");
            assertEquals("\"hammer\"", eval(stop, "priced.name"));
        });
        assertEquals(1, stops[0]);
    }

    @ParameterizedTest
    @FieldSource("RUST")
    void aBoxedRustTraitObjectShowsItsConcreteTypeAndFields(String fixture) {
        ExampleProgram p = new ExampleProgram(fixture);
        p.breakAt("BP_MAIN");
        int[] stops = {0};
        p.run(stop -> {
            stops[0]++;
            Value owned = stop.value("owned");
            if (owned.unavailable().isPresent()) {
                assertTrue(p.release(), "owned is there at -O0");
                return;
            }
            assertEquals("alloc::boxed::Box<dyn inventory::inventory::Priced, alloc::alloc::Global>",
                    owned.typeName());
            assertTrue(owned.display().startsWith("inventory::inventory::Item {name=\"lamp\", "
                    + "kind=Food { calories: 250 }, cents=700"), owned.display());
            assertEquals(List.of("name", "kind", "cents", Value.RAW_VIEW),
                    owned.children().stream().map(Value::name).toList());
            assertEquals("\"lamp\"", owned.children().get(0).display());
            assertEquals("700", eval(stop, "owned.cents"), "a field of the concrete type");
            assertEquals("\"lamp\"", eval(stop, "owned.name"));
        });
        assertEquals(1, stops[0]);
    }

    private static String eval(ExampleProgram.Stop stop, String expression) {
        try {
            return stop.eval(expression).display();
        } catch (EvaluationException e) {
            throw new AssertionError(expression + ": " + e.getMessage(), e);
        }
    }
}
