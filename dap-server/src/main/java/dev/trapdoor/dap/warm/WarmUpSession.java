package dev.trapdoor.dap.warm;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One debug session of the warm-up program, in the order an editor sends its requests: initialize, launch, a
 * breakpoint on the loop's call line, configurationDone; at each stop threads, stackTrace, scopes and the first
 * scope's variables (and now and then a hover), then {@code next}; at the end the breakpoint cleared, continue, and
 * disconnect once the program has exited.
 */
final class WarmUpSession {
    /** warmup.c's {@code @call-scale} line: {@code total += scale(i, factor);}, inside a loop of 100. */
    static final int CALL_SCALE_LINE = 18;

    private WarmUpSession() {
    }

    /** Runs the session; returns the line steps taken. */
    static int run(WarmUpClient c, Path program, int steps) throws IOException, InterruptedException {
        Path dir = program.getParent();
        String source = "{\"path\":" + json(dir.resolve("warmup.c").toString()) + "}";
        c.ask("initialize", "{\"clientID\":\"trapdoor-warm-up\",\"adapterID\":\"trapdoor\",\"linesStartAt1\":true,"
                + "\"columnsStartAt1\":true,\"pathFormat\":\"path\",\"supportsVariableType\":true}");
        c.event("initialized");
        c.ask("launch", "{\"program\":" + json(program.toString()) + ",\"cwd\":" + json(dir.toString()) + "}");
        JsonArray set = c.ask("setBreakpoints", "{\"source\":" + source + ",\"breakpoints\":[{\"line\":"
                + CALL_SCALE_LINE + "}]}").getAsJsonArray("breakpoints");
        if (set.isEmpty() || !set.get(0).getAsJsonObject().get("verified").getAsBoolean()) {
            throw new WarmUpFailed("the breakpoint on warmup.c:" + CALL_SCALE_LINE + " was not verified: " + set);
        }
        c.ask("configurationDone", "{}");
        c.event("stopped");
        for (int step = 0; step < steps; step++) {
            atStop(c, step);
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

    /** What an editor asks at a stop. */
    private static void atStop(WarmUpClient c, int step) throws IOException, InterruptedException {
        c.ask("threads", "{}");
        JsonArray frames = c.ask("stackTrace", "{\"threadId\":1,\"startFrame\":0,\"levels\":20}")
                .getAsJsonArray("stackFrames");
        int frameId = frames.get(0).getAsJsonObject().get("id").getAsInt();
        JsonArray scopes = c.ask("scopes", "{\"frameId\":" + frameId + "}").getAsJsonArray("scopes");
        JsonObject first = scopes.get(0).getAsJsonObject();
        c.ask("variables", "{\"variablesReference\":" + first.get("variablesReference").getAsInt() + "}");
        if (step % 8 == 0) {
            c.ask("evaluate", "{\"expression\":\"total\",\"frameId\":" + frameId + ",\"context\":\"hover\"}");
        }
    }

    private static String json(String text) {
        return new JsonPrimitive(text).toString();
    }
}
