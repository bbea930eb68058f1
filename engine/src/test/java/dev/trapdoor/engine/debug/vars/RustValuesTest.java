package dev.trapdoor.engine.debug.vars;

import dev.trapdoor.engine.dwarf.Value;
import dev.trapdoor.engine.dwarf.Variable;
import dev.trapdoor.engine.dwarf.VariableScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Rust example ({@code examples/inventory.rs}) stopped at its marker lines: variables of functions nested in
 * modules and impl blocks, qualified frame names, and the Rust formatters' summaries and children.
 */
class RustValuesTest {
    static final List<String> RUST = ExampleProgram.RUST;

    private static void shows(ExampleProgram.Stop stop, String name, String display) {
        Value v = stop.value(name);
        if (v.unavailable().isEmpty()) {
            assertEquals(display, v.display(), name);
        }
    }

    @ParameterizedTest
    @FieldSource("RUST")
    void standardLibraryValuesAtMain(String fixture) {
        ExampleProgram p = new ExampleProgram(fixture);
        p.breakAt("BP_MAIN");
        p.run(stop -> {
            assertEquals("inventory::main", p.map.qualifiedFunctionName(stop.offset(0)).orElseThrow());
            shows(stop, "joined", "\"a-b-c\"");
            shows(stop, "text", "\"hello\"");
            shows(stop, "numbers", "len=4 [10, 20, 30, 40]");
            shows(stop, "slice", "len=2 [20, 30]");
            shows(stop, "scaled", "len=4 [30, 60, 90, 120]");
            shows(stop, "maybe", "Some(7)");
            shows(stop, "nothing", "None");
            shows(stop, "parsed", "Ok(42)");
            shows(stop, "failed", "Err(\"invalid digit found in string\")");
            shows(stop, "kind", "Gadget(\"tv\", 9)");
            shows(stop, "boxed", "99");
            shows(stop, "shared", "\"rc\" (strong=1)");
            shows(stop, "atomic", "len=2 [-1, -2] (strong=1)");
            shows(stop, "queue", "len=3 [1, 2, 3]");
            shows(stop, "seen", "len=1 {5}");
            // Even optimized, these live in memory for the whole of main: the formatters must show them.
            for (String always : List.of("joined", "kind", "queue", "seen", "maybe", "parsed", "failed")) {
                assertTrue(stop.value(always).unavailable().isEmpty(), fixture + ": " + always);
            }
        });
    }

    @Test
    void formattedChildrenAndTheRawView() {
        ExampleProgram p = new ExampleProgram("inventory-debug.wasm");
        p.breakAt("BP_MAIN");
        p.run(stop -> {
            Value numbers = stop.value("numbers");
            assertTrue(numbers.isFormatted());
            assertEquals(5, numbers.childCount(), "4 elements and the raw view");
            List<Value> children = numbers.children();
            assertEquals(List.of("[0]", "[1]", "[2]", "[3]", Value.RAW_VIEW),
                    children.stream().map(Value::name).toList());
            assertEquals("40", children.get(3).display());
            Value raw = children.get(4);
            assertFalse(raw.isFormatted());
            assertEquals(List.of("buf", "len"), raw.children().stream().map(Value::name).toList());
            assertEquals("4", raw.children().get(1).display());

            Value inv = stop.value("inv");
            Value items = inv.children().stream().filter(c -> c.name().equals("items")).findFirst().orElseThrow();
            Value apple = items.children().get(1);
            assertEquals("{name=\"apple\", kind=Food { calories: 95 }, cents=40}", apple.display());
            Value kind = apple.children().get(1);
            assertEquals(List.of("calories", Value.RAW_VIEW), kind.children().stream().map(Value::name).toList());
            Value counts = inv.children().stream().filter(c -> c.name().equals("counts")).findFirst().orElseThrow();
            assertTrue(counts.display().startsWith("len=3 {"), counts.display());
            for (String entry : List.of("\"hammer\": 1", "\"apple\": 1", "\"radio\": 1")) {
                assertTrue(counts.display().contains(entry), counts.display());
            }
            String entry = counts.children().get(0).display();
            assertTrue(entry.matches("\\(\"\\w+\", 1\\)"), entry);

            Value shared = stop.value("shared");
            assertEquals(List.of("value", "strong", "weak", Value.RAW_VIEW),
                    shared.children().stream().map(Value::name).toList());
            assertEquals("1", shared.children().get(1).display());
            Value maybe = stop.value("maybe");
            assertEquals("7", maybe.children().get(0).display());
        });
    }

    @ParameterizedTest
    @FieldSource("RUST")
    void methodsInImplBlocksHaveTheirVariables(String fixture) {
        ExampleProgram p = new ExampleProgram(fixture);
        p.breakAt("BP_ADD");
        if (!p.release()) {
            p.breakAt("BP_JOIN"); // optimized, the line has no code of join's own: refused, not moved elsewhere
        }
        List<String> seen = new java.util.ArrayList<>();
        p.run(stop -> {
            String function = p.map.qualifiedFunctionName(stop.offset(0)).orElseThrow();
            seen.add(function);
            List<VariableScope> scopes = stop.scopes(0);
            assertFalse(scopes.isEmpty(), fixture + ": no scopes in " + function);
            if (function.equals("inventory::inventory::Inventory::add")) {
                Variable self = stop.find(0, "self");
                assertTrue(self != null && self.parameter(), "self is a parameter");
                Value v = stop.value("self");
                if (v.unavailable().isEmpty()) {
                    assertEquals("&mut inventory::inventory::Inventory", v.typeName());
                    assertTrue(v.display().startsWith("{owner=\"ada\", items=len="), v.display());
                }
            } else if (function.equals("inventory::util::join")) {
                shows(stop, "sep", "\"-\"");
                shows(stop, "parts", "len=3 [\"a\", \"b\", \"c\"]");
            }
        });
        assertTrue(seen.contains("inventory::inventory::Inventory::add"), fixture + ": " + seen);
        assertTrue(seen.stream().anyMatch(f -> f.equals("inventory::util::join")
                || p.release()), fixture + ": " + seen);
    }

    @ParameterizedTest
    @FieldSource("RUST")
    void everyVariableAtEveryStopShowsAValueOrAReason(String fixture) {
        ExampleProgram p = new ExampleProgram(fixture);
        for (String marker : List.of("BP_ADD", "BP_PRICE", "BP_JOIN", "BP_DESCRIBE", "BP_MAIN")) {
            if (p.map.resolve(p.source, p.markerLine(marker)).resolved() || !p.release()) {
                p.breakAt(marker);
            }
        }
        int[] variables = {0};
        p.run(stop -> {
            for (VariableScope scope : stop.scopes(0)) {
                for (Variable v : scope.variables()) {
                    Value value = p.vars.read(v, stop.state(0));
                    String display = value.display();
                    variables[0]++;
                    assertFalse(display.isBlank(), v.name());
                    assertFalse(display.contains("<unknown type>"), v.name() + " = " + display);
                    if (value.unavailable().isEmpty()) {
                        value.children(); // expanding never throws
                    }
                }
            }
        });
        assertTrue(variables[0] > 20, fixture + ": only " + variables[0] + " variables seen");
    }
}
