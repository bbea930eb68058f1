package dev.trapdoor.engine.debug.vars;

import dev.trapdoor.engine.dwarf.Value;
import dev.trapdoor.engine.dwarf.Variable;
import dev.trapdoor.engine.dwarf.VariableScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The C++ example ({@code examples/shapes.cpp}) stopped at its marker lines: methods and namespaced functions with
 * their variables, qualified frame names, and the libc++ formatters.
 */
class CppValuesTest {
    static final List<String> CPP = ExampleProgram.CPP;

    private static void shows(ExampleProgram.Stop stop, String name, String display) {
        Value v = stop.value(name);
        if (v.unavailable().isEmpty()) {
            assertEquals(display, v.display(), name);
        }
    }

    @ParameterizedTest
    @FieldSource("CPP")
    void libcxxValuesAtMain(String fixture) {
        ExampleProgram p = new ExampleProgram(fixture);
        p.breakAt("BP_MAIN");
        p.run(stop -> {
            shows(stop, "short_text", "\"hi\"");
            shows(stop, "long_text", "\"a string long enough to live on the heap\"");
            shows(stop, "numbers", "size=3 {10, 20, 30}");
            shows(stop, "triple", "size=3 {4, 5, 6}");
            shows(stop, "ages", "size=3 {\"ada\": 36, \"bob\": 41, \"cy\": 7}");
            shows(stop, "ids", "size=3 {1, 2, 3}");
            shows(stop, "stock", "size=1 {\"apple\": 3}");
            shows(stop, "some", "5");
            shows(stop, "none", "nullopt");
            shows(stop, "alternative", "index=1 \"v\"");
            shows(stop, "joined", "\"a-b-c\"");
            for (String always : List.of("short_text", "long_text", "ages", "ids", "stock", "alternative")) {
                assertTrue(stop.value(always).unavailable().isEmpty(), fixture + ": " + always);
            }
        });
    }

    @Test
    void smartPointersShowTheirPointeeAndContainersTheirElements() {
        ExampleProgram p = new ExampleProgram("shapes-debug.wasm");
        p.breakAt("BP_MAIN");
        p.run(stop -> {
            assertEquals("{geo::Shape={_vptr$Shape=0x" + Long.toHexString(vtable(stop.value("owned")))
                    + ", id_=1}, w_=2, h_=3}", stop.value("owned").display());
            Value shared = stop.value("shared");
            assertTrue(shared.display().matches("\\(geo::Circle\\) \\{geo::Shape=\\{_vptr\\$Shape=0x[0-9a-f]+, "
                    + "id_=2}, r_=5} \\(use_count=1\\)"), shared.display());
            assertEquals(List.of("geo::Shape", "r_", Value.RAW_VIEW),
                    shared.children().stream().map(Value::name).toList());

            Value ages = stop.value("ages");
            List<Value> entries = ages.children();
            assertEquals(4, entries.size(), "three entries and the raw view");
            assertEquals("{first=\"bob\", second=41}", entries.get(1).display());
            Value raw = entries.get(3);
            assertEquals(Value.RAW_VIEW, raw.name());
            assertEquals(List.of("__tree_"), raw.children().stream().map(Value::name).toList());

            Value numbers = stop.value("numbers");
            assertEquals(List.of("[0]", "[1]", "[2]", Value.RAW_VIEW),
                    numbers.children().stream().map(Value::name).toList());
            assertEquals("30", numbers.children().get(2).display());
            Value text = stop.value("long_text");
            assertEquals(List.of(Value.RAW_VIEW), text.children().stream().map(Value::name).toList());
            assertEquals("std::__2::string", text.typeName());
        });
    }

    private static long vtable(Value owned) {
        return Long.decode(owned.display().replaceAll(".*_vptr\\$Shape=(0x[0-9a-f]+).*", "$1"));
    }

    @ParameterizedTest
    @FieldSource("CPP")
    void methodsAndNamespacedFunctionsHaveVariablesAndQualifiedNames(String fixture) {
        ExampleProgram p = new ExampleProgram(fixture);
        for (String marker : List.of("BP_AREA", "BP_DESCRIBE", "BP_PICK", "BP_JOIN")) {
            try {
                p.breakAt(marker);
            } catch (AssertionError inlinedAway) {
                assertTrue(p.release(), fixture + ": " + marker + " must resolve at -O0");
            }
        }
        List<String> functions = new ArrayList<>();
        p.run(stop -> {
            String function = p.map.qualifiedFunctionName(stop.offset(0)).orElseThrow();
            String innermost = p.map.inlinedChain(stop.offset(0)).get(0).qualifiedFunction();
            functions.add(innermost);
            List<VariableScope> scopes = stop.scopes(0);
            assertFalse(scopes.isEmpty(), fixture + ": no scopes in " + function);
            switch (innermost) {
                case "geo::Rect::area" -> {
                    shows(stop, "result", "6");
                    assertEquals("const geo::Rect *", stop.value("this").typeName());
                }
                case "geo::Shape::describe" -> shows(stop, "text", "\"shape 1\"");
                case "geo::pick<int>" -> {
                    shows(stop, "chosen", "20");
                    shows(stop, "values", "size=3 {10, 20, 30}");
                }
                case "util::join" -> {
                    shows(stop, "sep", "\"-\"");
                    shows(stop, "parts", "size=3 {\"a\", \"b\", \"c\"}");
                }
                default -> {
                }
            }
        });
        if (!p.release()) {
            assertEquals(List.of("geo::pick<int>", "util::join", "geo::Rect::area", "geo::Shape::describe"),
                    functions);
        }
    }

    @ParameterizedTest
    @FieldSource("CPP")
    void everyVariableAtEveryStopShowsAValueOrAReason(String fixture) {
        ExampleProgram p = new ExampleProgram(fixture);
        for (String marker : List.of("BP_MAIN", "BP_DESCRIBE", "BP_JOIN", "BP_PICK")) {
            try {
                p.breakAt(marker);
            } catch (AssertionError inlinedAway) {
                assertTrue(p.release(), marker);
            }
        }
        int[] variables = {0};
        p.run(stop -> {
            for (VariableScope scope : stop.scopes(0)) {
                for (Variable v : scope.variables()) {
                    Value value = p.vars.read(v, stop.state(0));
                    variables[0]++;
                    assertFalse(value.display().isBlank(), v.name());
                    if (value.unavailable().isEmpty()) {
                        value.children();
                    }
                }
            }
        });
        assertTrue(variables[0] > 10, fixture + ": only " + variables[0] + " variables seen");
    }
}
