package dev.trapdoor.dap.warm;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * One debug session of the warm-up program, in the order an editor sends its requests: initialize, launch, a
 * breakpoint on the loop's call line, configurationDone; at each stop threads, stackTrace, scopes and the first
 * scope's variables (and now and then a hover), then {@code next}; at the end the breakpoint cleared, continue, and
 * disconnect once the program has exited.
 */
final class WarmUpSession {
    /** warmup.c's {@code @call-scale} line: {@code total += scale(i, factor);}, inside a loop of 100. */
    static final int CALL_SCALE_LINE = 18;
    /**
     * Whether the program runs with an argument, which makes its loop short and calls it again and again, so that the
     * steps also return into {@code main}, read its {@code total} (a value on the Wasm operand stack) and step over its
     * printf, as a user's session does when it leaves a function: the operand types' classes and code, and that step's
     * path, were loaded and compiled in the middle of a fresh server's 50 sessions' steps (benchmarks/RESULTS.md,
     * session 28). {@code -Dtrapdoor.dap.warmUp.returns=false}: one long call of the loop, as before.
     */
    static final boolean RETURNS = !"false".equals(System.getProperty("trapdoor.dap.warmUp.returns"));

    private WarmUpSession() {
    }

    /** Runs the session; returns the line steps taken. */
    static int run(WarmUpClient c, Path program, int steps) throws IOException, InterruptedException {
        return run(c, program, steps, RETURNS, new HashSet<>());
    }

    /** Runs the session with or without the returns into main; adds each stop's top frame name to {@code tops}. */
    static int run(WarmUpClient c, Path program, int steps, boolean returns, Set<String> tops)
            throws IOException, InterruptedException {
        Path dir = program.getParent();
        String source = "{\"path\":" + json(dir.resolve("warmup.c").toString()) + "}";
        c.ask("initialize", "{\"clientID\":\"trapdoor-warm-up\",\"adapterID\":\"trapdoor\",\"linesStartAt1\":true,"
                + "\"columnsStartAt1\":true,\"pathFormat\":\"path\",\"supportsVariableType\":true}");
        c.event("initialized");
        c.ask("launch", "{\"program\":" + json(program.toString()) + ",\"cwd\":" + json(dir.toString())
                + (returns ? ",\"args\":[\"returns\"]" : "") + "}");
        JsonArray set = c.ask("setBreakpoints", "{\"source\":" + source + ",\"breakpoints\":[{\"line\":"
                + CALL_SCALE_LINE + "}]}").getAsJsonArray("breakpoints");
        if (set.isEmpty() || !set.get(0).getAsJsonObject().get("verified").getAsBoolean()) {
            throw new WarmUpFailed("the breakpoint on warmup.c:" + CALL_SCALE_LINE + " was not verified: " + set);
        }
        c.ask("configurationDone", "{}");
        c.event("stopped");
        for (int step = 0; step < steps; step++) {
            tops.add(atStop(c, step));
            c.ask("next", "{\"threadId\":1}");
            c.event("stopped");
        }
        c.ask("setBreakpoints", "{\"source\":" + source + ",\"breakpoints\":[]}");
        c.ask("continue", "{\"threadId\":1}");
        c.event("exited");
        c.event("terminated");
        c.ask("disconnect", "{}");
        return steps;
    }

    /** What an editor asks at a stop; returns the top frame's name. */
    private static String atStop(WarmUpClient c, int step) throws IOException, InterruptedException {
        c.ask("threads", "{}");
        JsonArray frames = c.ask("stackTrace", "{\"threadId\":1,\"startFrame\":0,\"levels\":20}")
                .getAsJsonArray("stackFrames");
        int frameId = frames.get(0).getAsJsonObject().get("id").getAsInt();
        JsonArray scopes = c.ask("scopes", "{\"frameId\":" + frameId + "}").getAsJsonArray("scopes");
        JsonObject first = scopes.get(0).getAsJsonObject();
        c.ask("variables", "{\"variablesReference\":" + first.get("variablesReference").getAsInt() + "}");
        String top = frames.get(0).getAsJsonObject().get("name").getAsString();
        if (step % 8 == 0) { // main's total is not in scope on its loop's line; the global always is
            String hover = "sum".equals(top) ? "total" : "calls";
            c.ask("evaluate", "{\"expression\":\"" + hover + "\",\"frameId\":" + frameId + ",\"context\":\"hover\"}");
        }
        return top;
    }

    private static String json(String text) {
        return new JsonPrimitive(text).toString();
    }
}
