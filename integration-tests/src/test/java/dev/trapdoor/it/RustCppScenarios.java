package dev.trapdoor.it;

import org.eclipse.lsp4j.debug.Breakpoint;
import org.eclipse.lsp4j.debug.SourceBreakpoint;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.Variable;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Rust and C++ examples over DAP ({@code examples/inventory.rs}, {@code examples/shapes.cpp}, debug builds):
 * qualified frame names (and short ones on request), locals of methods in impl blocks and namespaces, and the
 * formatters' values, elements and raw views as a client sees them.
 */
abstract class RustCppScenarios {
    static final Path INVENTORY_RS = Trapdoor.example("inventory.rs");
    static final Path INVENTORY = Trapdoor.example("inventory-debug.wasm");
    static final Path SHAPES_CPP = Trapdoor.example("shapes.cpp");
    static final Path SHAPES = Trapdoor.example("shapes-debug.wasm");

    abstract DapClient open() throws Exception;

    static int marker(Path source, String marker) {
        try {
            List<String> lines = Files.readAllLines(source);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains("/* " + marker + " */")) {
                    return i + 1;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("no marker " + marker + " in " + source);
    }

    /** Breakpoints on the markers' lines of one source (one request: each request replaces the source's set). */
    private static void breakAt(DapClient c, Path source, String... markers) {
        SourceBreakpoint[] bps = new SourceBreakpoint[markers.length];
        for (int i = 0; i < markers.length; i++) {
            bps[i] = new SourceBreakpoint();
            bps[i].setLine(marker(source, markers[i]));
        }
        try {
            for (Breakpoint b : c.setBreakpoints(source, bps).getBreakpoints()) {
                assertTrue(b.isVerified(), "verified: " + b);
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void rustMethodShowsItsQualifiedNameLocalsAndFormattedValues() throws Exception {
        try (DapClient c = open()) {
            c.start(DapClient.launchArgs(INVENTORY), () -> breakAt(c, INVENTORY_RS, "BP_ADD"));
            assertEquals("breakpoint", c.awaitStopped().getReason());
            StackFrame top = c.top();
            assertEquals("inventory::inventory::Inventory::add", top.getName());
            assertEquals("inventory::main", c.frames()[1].getName());
            Variable[] locals = c.scope(top.getId(), "Locals");
            Variable self = DapClient.variable(locals, "self");
            assertEquals("&mut inventory::inventory::Inventory", self.getType());
            assertTrue(self.getValue().startsWith("{owner=\"ada\", items=len=0 []"), self.getValue());
            Variable[] fields = c.children(self.getVariablesReference(), null, null);
            assertEquals(List.of("owner", "items", "counts", "[raw]"),
                    Arrays.stream(fields).map(Variable::getName).toList());
            assertEquals("\"ada\"", DapClient.value(fields, "owner"));
            assertNull(DapClient.variable(fields, "[raw]").getEvaluateName(), "the raw view has no expression");
            Variable count = DapClient.variable(locals, "count");
            assertEquals("1", count.getValue(), "the count just incremented, shown through the &mut u32");
        }
    }

    @Test
    void rustMainShowsStandardLibraryValuesWithElements() throws Exception {
        try (DapClient c = open()) {
            c.start(DapClient.launchArgs(INVENTORY), () -> breakAt(c, INVENTORY_RS, "BP_MAIN"));
            c.awaitStopped();
            StackFrame top = c.top();
            Variable[] locals = c.scope(top.getId(), "Locals");
            assertEquals("Err(\"invalid digit found in string\")", DapClient.value(locals, "failed"));
            assertEquals("Some(7)", DapClient.value(locals, "maybe"));
            Variable numbers = DapClient.variable(locals, "numbers");
            assertEquals("len=4 [10, 20, 30, 40]", numbers.getValue());
            assertEquals(5, numbers.getIndexedVariables(), "four elements and the raw view");
            Variable[] page = c.children(numbers.getVariablesReference(), 2, 2);
            assertEquals(List.of("30", "40"), Arrays.stream(page).map(Variable::getValue).toList());
            assertEquals("numbers[2]", page[0].getEvaluateName());
            Variable[] raw = c.children(c.children(numbers.getVariablesReference(), 4, 1)[0].getVariablesReference(),
                    null, null);
            assertEquals(List.of("buf", "len"), Arrays.stream(raw).map(Variable::getName).toList());
        }
    }

    @Test
    void aBoxedTraitObjectShowsItsConcreteTypeAndFields() throws Exception {
        try (DapClient c = open()) {
            c.start(DapClient.launchArgs(INVENTORY), () -> breakAt(c, INVENTORY_RS, "BP_MAIN"));
            c.awaitStopped();
            StackFrame top = c.top();
            Variable[] locals = c.scope(top.getId(), "Locals");
            for (String name : List.of("priced", "owned")) {
                // A &dyn and a Box<dyn> alike: the concrete type's fields, then the fat pointer as the raw view.
                Variable v = DapClient.variable(locals, name);
                assertTrue(v.getValue().startsWith("inventory::inventory::Item {name="), name + ": " + v.getValue());
                Variable[] fields = c.children(v.getVariablesReference(), null, null);
                assertEquals(List.of("name", "kind", "cents", "[raw]"),
                        Arrays.stream(fields).map(Variable::getName).toList(), name);
            }
            Variable owned = DapClient.variable(locals, "owned");
            assertEquals("alloc::boxed::Box<dyn inventory::inventory::Priced, alloc::alloc::Global>", owned.getType());
            Variable[] fields = c.children(owned.getVariablesReference(), null, null);
            assertEquals("\"lamp\"", DapClient.value(fields, "name"));
            assertEquals("Food { calories: 250 }", DapClient.value(fields, "kind"));
            assertEquals("700", c.evaluate("owned.cents", top.getId(), "watch").getResult());
            assertEquals("700", c.evaluate(DapClient.variable(fields, "cents").getEvaluateName(), top.getId(),
                    "watch").getResult());
        }
    }

    @Test
    void aGlobalTheLinkerDroppedIsOptimizedOut() throws Exception {
        try (DapClient c = open()) {
            c.start(DapClient.launchArgs(SHAPES), () -> breakAt(c, SHAPES_CPP, "BP_AREA"));
            c.awaitStopped();
            int frame = c.top().getId();
            // libc++'s std::in_place: wasm-ld dropped it (its address is the tombstone 0xffffffff).
            Variable dropped = Arrays.stream(c.scope(frame, "Globals"))
                    .filter(v -> v.getName().endsWith("in_place")).findFirst()
                    .orElseThrow(() -> new AssertionError("no in_place among the globals"));
            assertEquals("<optimized out>", dropped.getValue());
            String answer;
            try {
                answer = c.evaluate(dropped.getName(), frame, "watch").getResult();
            } catch (Exception refused) {
                answer = String.valueOf(refused.getMessage());
            }
            assertTrue(answer.contains("optimized out") && !answer.contains("0xffffffff"), answer);
        }
    }

    @Test
    void shortFunctionNamesOnRequest() throws Exception {
        try (DapClient c = open()) {
            Map<String, Object> launch = DapClient.launchArgs(SHAPES);
            launch.put("shortFunctionNames", true);
            c.start(launch, () -> breakAt(c, SHAPES_CPP, "BP_AREA"));
            c.awaitStopped();
            assertEquals("area", c.top().getName());
        }
    }

    @Test
    void cppMethodAndLibcxxValues() throws Exception {
        try (DapClient c = open()) {
            c.start(DapClient.launchArgs(SHAPES), () -> breakAt(c, SHAPES_CPP, "BP_JOIN", "BP_AREA"));
            c.awaitStopped();
            StackFrame top = c.top();
            assertEquals("util::join", top.getName());
            Variable[] locals = c.scope(top.getId(), "Locals");
            assertEquals("\"a-b-c\"", DapClient.value(locals, "out"));
            Variable parts = DapClient.variable(locals, "parts");
            assertEquals("size=3 {\"a\", \"b\", \"c\"}", parts.getValue());
            assertEquals("\"b\"", c.children(parts.getVariablesReference(), 1, 1)[0].getValue());
            c.cont();
            c.awaitStopped();
            top = c.top();
            assertEquals("geo::Rect::area", top.getName());
            assertEquals("6", DapClient.value(c.scope(top.getId(), "Locals"), "result"));
            Variable[] mainLocals = c.scope(c.frames()[1].getId(), "Locals");
            assertEquals("size=3 {\"ada\": 36, \"bob\": 41, \"cy\": 7}", DapClient.value(mainLocals, "ages"));
            assertEquals("\"a string long enough to live on the heap\"", DapClient.value(mainLocals, "long_text"));
            assertEquals("index=1 \"v\"", DapClient.value(mainLocals, "alternative"));
        }
    }

    @Test
    void aBreakpointInAFunctionTheLinkerDroppedIsRefusedAndNeverStops() throws Exception {
        try (DapClient c = open()) {
            Breakpoint[] placed = new Breakpoint[1];
            c.start(DapClient.launchArgs(SHAPES), () -> {
                SourceBreakpoint bp = new SourceBreakpoint();
                bp.setLine(marker(SHAPES_CPP, "BP_UNUSED"));
                try {
                    placed[0] = c.setBreakpoints(SHAPES_CPP, bp).getBreakpoints()[0];
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            assertEquals(Boolean.FALSE, placed[0].isVerified());
            assertTrue(placed[0].getMessage().contains("another function"), placed[0].getMessage());
            assertEquals(0, c.exitCode(), "ran to the end without stopping");
            assertTrue(!c.has("stopped"), "never stopped");
        }
    }

    @Test
    void emptyLineTablesAreReportedAtLaunchAndOnEachBreakpoint() throws Exception {
        Path module = Trapdoor.ROOT.resolve("engine/src/test/resources/dwarf/tiny-wasmopt.wasm");
        Path source = Trapdoor.ROOT.resolve("engine/src/test/c/dwarf/tiny.c");
        try (DapClient c = open()) {
            Map<String, Object> launch = DapClient.launchArgs(module, "5");
            launch.put("invoke", "tiny");
            Breakpoint[] placed = new Breakpoint[1];
            c.start(launch, () -> {
                SourceBreakpoint bp = new SourceBreakpoint();
                bp.setLine(11);
                try {
                    placed[0] = c.setBreakpoints(source, bp).getBreakpoints()[0];
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            assertEquals(Boolean.FALSE, placed[0].isVerified());
            assertTrue(placed[0].getMessage().contains("wasm-opt"), placed[0].getMessage());
            c.exitCode();
            String console = c.output("console");
            assertTrue(console.contains("line tables are empty") && console.contains("wasm-opt"), console);
        }
    }

    @Test
    void stepInStopsAfterThePrologueWhereThisIsSet() throws Exception {
        try (DapClient c = open()) {
            c.start(DapClient.launchArgs(SHAPES), () -> breakAt(c, SHAPES_CPP, "BP_MAIN"));
            c.awaitStopped();
            c.stepIn(org.eclipse.lsp4j.debug.SteppingGranularity.LINE);
            StackFrame top = c.top();
            assertEquals("geo::Rect::area", top.getName());
            assertEquals(marker(SHAPES_CPP, "BP_AREA") - 1, top.getLine(), "the body's first line, not the header");
            assertEquals("2", c.evaluate("w_", top.getId(), "watch").getResult(), "this is set");
            assertTrue(!c.evaluate("this", top.getId(), "watch").getResult().equals("0x0"));
        }
    }

    @Test
    void stepInStepsOverLibraryCodeWithoutSourcesUnlessAsked() throws Exception {
        for (boolean justMyCode : new boolean[] {true, false}) {
            try (DapClient c = open()) {
                Map<String, Object> launch = DapClient.launchArgs(INVENTORY);
                launch.put("justMyCode", justMyCode);
                c.start(launch, () -> breakAt(c, INVENTORY_RS, "BP_ADD"));
                c.awaitStopped();
                c.stepIn(org.eclipse.lsp4j.debug.SteppingGranularity.LINE);
                String name = c.top().getName();
                if (justMyCode) {
                    // Vec::push has no source here (Debian ships none for std): the step ends back in our code.
                    assertTrue(name.startsWith("inventory::"), name);
                } else {
                    assertTrue(name.startsWith("alloc::"), name);
                }
            }
        }
    }
}
