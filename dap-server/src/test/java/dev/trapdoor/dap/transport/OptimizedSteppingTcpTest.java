package dev.trapdoor.dap.transport;

import com.google.gson.JsonObject;
import dev.trapdoor.dap.source.DwarfVariablesProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The breakpoint and stepping rules over DAP on the Rust and C++ examples built at -O0 and at -O2 (the release
 * builds: inlining, merged lines, code moved across lines): a breakpoint the DWARF cannot place is unverified and
 * never stops, a line stops once per execution, step-in stops after the prologue, step-out stops on the calling line
 * while it has more to do, and library code without sources is stepped over unless {@code justMyCode} is off (also
 * on the C example, where a step off the end of {@code main} returns into wasi-libc).
 */
class OptimizedSteppingTcpTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path SHAPES_CPP = ROOT.resolve("examples/shapes.cpp");
    private static final Path INVENTORY_RS = ROOT.resolve("examples/inventory.rs");
    private static TcpServer server;
    /** The answer to the last launch's setBreakpoints. */
    private static JsonObject lastPlaced;

    @BeforeAll
    static void start() throws InterruptedException {
        server = TcpServer.start("127.0.0.1", 0, ROOT, new DwarfVariablesProvider(), () -> null);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

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
        throw new AssertionError("no marker " + marker);
    }

    /** Launches {@code example} with line breakpoints in {@code source}; returns the client and the answers. */
    private static JsonClient launch(String example, String extra, Path source, int... lines) throws IOException {
        JsonClient c = new JsonClient(server.address().getPort());
        c.ask("initialize", "{\"adapterID\":\"t\",\"linesStartAt1\":true}");
        c.ask("launch", "{\"program\":\"" + ROOT.resolve("examples").resolve(example) + "\",\"cwd\":\"" + ROOT
                + "\"" + extra + "}");
        StringBuilder bps = new StringBuilder();
        for (int line : lines) {
            bps.append(bps.length() == 0 ? "" : ",").append("{\"line\":").append(line).append('}');
        }
        JsonObject placed = c.ask("setBreakpoints", "{\"source\":{\"path\":\"" + source + "\"},\"breakpoints\":["
                + bps + "]}");
        lastPlaced = placed;
        c.ask("configurationDone", null);
        return c;
    }

    private static JsonObject placed(JsonClient c) {
        return lastPlaced;
    }

    private static String step(JsonClient c, String request) throws IOException {
        c.ask(request, "{\"threadId\":1,\"granularity\":\"line\"}");
        return c.stopOrExit();
    }

    static int lineWith(Path source, String text) {
        try {
            List<String> lines = Files.readAllLines(source);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(text)) {
                    return i + 1;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("no line with " + text);
    }

    private static JsonObject bp(int i) {
        return lastPlaced.getAsJsonArray("breakpoints").get(i).getAsJsonObject();
    }

    @ParameterizedTest
    @ValueSource(strings = {"shapes-debug.wasm", "shapes-release.wasm"})
    void aBreakpointThatCannotBePlacedIsUnverifiedAndNeverStops(String example) throws Exception {
        try (JsonClient c = launch(example, "", SHAPES_CPP, marker(SHAPES_CPP, "BP_UNUSED"))) {
            assertFalse(bp(0).get("verified").getAsBoolean());
            assertTrue(bp(0).get("message").getAsString().contains("another function"), bp(0).toString());
            assertEquals("exited", c.stopOrExit());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"shapes-debug.wasm", "shapes-release.wasm"})
    void aLineStopsOncePerExecution(String example) throws Exception {
        int loopLine = lineWith(SHAPES_CPP, "out += parts[i];");
        try (JsonClient c = launch(example, "", SHAPES_CPP, loopLine)) {
            assertTrue(bp(0).get("verified").getAsBoolean(), bp(0).toString());
            int placedLine = bp(0).get("line").getAsInt();
            // At -O2 the loop's line keeps no statement of its own: the breakpoint moves on to the function's end,
            // within join, run once.
            int runs = placedLine == loopLine ? 3 : 1;
            if (runs == 1) {
                assertTrue(placedLine > loopLine && placedLine <= marker(SHAPES_CPP, "BP_JOIN") + 1, bp(0).toString());
            }
            List<String> stops = new ArrayList<>();
            while (!c.stopOrExit().equals("exited")) {
                stops.add(where(c));
                c.ask("continue", "{\"threadId\":1}");
            }
            assertEquals(java.util.Collections.nCopies(runs, "util::join:" + placedLine), stops, example);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"shapes-debug.wasm", "shapes-release.wasm"})
    void stepOutStopsOnTheCallingLineWhileItHasMoreToDo(String example) throws Exception {
        try (JsonClient c = launch(example, "", SHAPES_CPP, lineWith(SHAPES_CPP, "int r = x * scale + limit;"))) {
            assertEquals("breakpoint", c.stopOrExit());
            assertTrue(where(c).startsWith("util::scaled"), where(c));
            int call = lineWith(SHAPES_CPP, "int limited = util::scaled(config::limit) + tuning::limit;");
            assertEquals("step", step(c, "stepOut"));
            assertEquals("main:" + call, where(c), "the call's line still adds tuning::limit");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"inventory-debug.wasm", "inventory-release.wasm"})
    void libraryCodeIsSteppedOverUnlessJustMyCodeIsOff(String example) throws Exception {
        for (boolean justMyCode : new boolean[] {true, false}) {
            try (JsonClient c = launch(example, ",\"justMyCode\":" + justMyCode, INVENTORY_RS,
                    marker(INVENTORY_RS, "BP_ADD"))) {
                assertEquals("breakpoint", c.stopOrExit());
                assertTrue(where(c).startsWith("inventory::inventory::Inventory::add:"), where(c));
                assertEquals("step", step(c, "stepIn"));
                String at = where(c);
                // Debian ships no sources for std: with justMyCode the step never stops in it, inlined or called.
                assertEquals(justMyCode, at.startsWith("inventory::"), example + " justMyCode=" + justMyCode + ": "
                        + at);
            }
        }
    }

    /**
     * In the release build {@code Item::price} is inlined in several places (main, describe, a closure): one line
     * breakpoint in it stops in each copy that runs, and each stop shows the inlined frame over its own caller.
     */
    @org.junit.jupiter.api.Test
    void aLineBreakpointStopsInEveryInlinedCopy() throws Exception {
        int line = marker(INVENTORY_RS, "BP_PRICE");
        try (JsonClient c = launch("inventory-release.wasm", "", INVENTORY_RS, line)) {
            assertTrue(bp(0).get("verified").getAsBoolean(), bp(0).toString());
            java.util.Set<String> callers = new java.util.LinkedHashSet<>();
            int stops = 0;
            while (!c.stopOrExit().equals("exited")) {
                com.google.gson.JsonArray frames = c.ask("stackTrace", "{\"threadId\":1}")
                        .getAsJsonArray("stackFrames");
                JsonObject top = frames.get(0).getAsJsonObject();
                assertTrue(top.get("name").getAsString().contains("price"), top.toString());
                assertEquals(line, top.get("line").getAsInt());
                callers.add(frames.get(1).getAsJsonObject().get("name").getAsString());
                stops++;
                c.ask("continue", "{\"threadId\":1}");
            }
            assertTrue(callers.size() >= 2, "stops in " + stops + " executions, all under " + callers);
        }
    }

    /**
     * In the release build {@code util::join} begins with {@code std::string}'s constructor inlined at its first
     * statement, so the engine's first stop in it is a libc++ line. Step-in from the call still stops in join: with
     * justMyCode on its own first statement after that constructor, with it off in the inlined constructor over join.
     * (It used to step back out of join and run main to its end.)
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void stepInEntersOurFunctionThatBeginsWithInlinedLibraryCode(boolean justMyCode) throws Exception {
        try (JsonClient c = launch("shapes-release.wasm", ",\"justMyCode\":" + justMyCode, SHAPES_CPP,
                lineWith(SHAPES_CPP, "std::string joined = util::join("))) {
            assertEquals("breakpoint", c.stopOrExit());
            assertEquals("step", step(c, "stepIn"));
            com.google.gson.JsonArray frames = c.ask("stackTrace", "{\"threadId\":1}").getAsJsonArray("stackFrames");
            JsonObject top = frames.get(0).getAsJsonObject();
            if (justMyCode) {
                assertEquals("util::join:" + lineWith(SHAPES_CPP, "for (size_t i = 0; i < parts.size(); i++) {"),
                        where(c));
            } else {
                assertTrue(top.get("name").getAsString().contains("basic_string"), top.toString());
                String join = "";
                for (int i = 1; i < frames.size() && join.isEmpty(); i++) {
                    JsonObject f = frames.get(i).getAsJsonObject();
                    if (f.get("name").getAsString().equals("util::join")) {
                        join = "util::join:" + f.get("line").getAsInt();
                    }
                }
                assertEquals("util::join:" + lineWith(SHAPES_CPP, "std::string out;"), join, frames.toString());
            }
        }
    }

    /**
     * A step off the end of C's {@code main} returns into wasi-libc's {@code __main_void} and {@code _start}, which
     * have no lines: with justMyCode the step goes on out and the program ends; without it, it stops there (in the
     * disassembly, as gdb stops in a caller without line info).
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aStepOffTheEndOfMainLeavesLibraryCodeOnlyWithJustMyCode(boolean justMyCode) throws Exception {
        Path debugme = ROOT.resolve("examples/debugme.c");
        try (JsonClient c = launch("debugme.wasm", ",\"justMyCode\":" + justMyCode, debugme,
                lineWith(debugme, "return 0;"))) {
            assertEquals("breakpoint", c.stopOrExit());
            List<String> stops = new ArrayList<>();
            String last = "step";
            boolean inLibrary = false;
            while (!inLibrary && stops.size() < 5 && (last = step(c, "next")).equals("step")) {
                JsonObject top = c.top();
                inLibrary = !top.has("source") || !top.getAsJsonObject("source").get("name").getAsString()
                        .equals("debugme.c");
                stops.add(where(c) + (inLibrary ? " (no source)" : ""));
            }
            if (justMyCode) {
                assertEquals("exited", last, stops.toString());
                assertTrue(stops.stream().allMatch(s -> s.startsWith("main:")), stops.toString());
            } else {
                assertTrue(inLibrary, "stops " + stops + ", then " + last);
            }
        }
    }

    private static String where(JsonClient c) throws IOException {
        JsonObject top = c.top();
        return top.get("name").getAsString() + ":" + top.get("line").getAsInt();
    }

    /**
     * Not on inventory-release: there rustc inlines {@code describe} into main ahead of the breakpoint's row, so
     * there is no call to step into (the loop used to run main to its end and pass on whatever line it stopped).
     */
    @ParameterizedTest
    @ValueSource(strings = {"inventory-debug.wasm", "shapes-debug.wasm", "shapes-release.wasm"})
    void stepInStopsAfterThePrologue(String example) throws Exception {
        boolean rust = example.startsWith("inventory");
        Path source = rust ? INVENTORY_RS : SHAPES_CPP;
        String call = rust ? "let line = describe(priced);" : "std::string joined = util::join(";
        String header = rust ? "fn describe(p: &dyn Priced) -> String {" : "std::string join(const std::vector";
        try (JsonClient c = launch(example, "", source, lineWith(source, call))) {
            assertTrue(bp(0).get("verified").getAsBoolean(), bp(0).toString());
            assertEquals("breakpoint", c.stopOrExit());
            String at = where(c);
            for (int i = 0; i < 20 && !at.contains(rust ? "describe" : "util::join"); i++) {
                assertEquals("step", step(c, "stepIn"), at);
                at = where(c);
            }
            assertTrue(at.contains(rust ? "describe" : "util::join"), example + ": never entered the callee: " + at);
            int line = Integer.parseInt(at.substring(at.lastIndexOf(':') + 1));
            assertTrue(line > lineWith(source, header), example + ": stopped on the header, before the prologue ran: "
                    + at);
        }
    }
}
