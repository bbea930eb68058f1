package dev.trapdoor.dap.transport;

import org.eclipse.lsp4j.debug.ContinuedEventArguments;
import org.eclipse.lsp4j.debug.Scope;
import org.eclipse.lsp4j.debug.ScopesResponse;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StackTraceResponse;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.Variable;
import org.eclipse.lsp4j.debug.VariablesResponse;
import org.eclipse.lsp4j.jsonrpc.debug.messages.DebugNotificationMessage;
import org.eclipse.lsp4j.jsonrpc.debug.messages.DebugResponseMessage;
import org.eclipse.lsp4j.jsonrpc.messages.Message;
import org.eclipse.lsp4j.jsonrpc.messages.RequestMessage;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Logger;

/**
 * Warms a multi-client server's JSON path before its clients step: reads the requests of a step (next, stackTrace,
 * scopes, variables, continue) and writes their responses and events, framed, a few thousand times on a background
 * thread. Without it, the first steps of 50 sessions ran that code in the interpreter while C1 and C2 compiled it
 * (benchmarks/RESULTS.md, session 14). Only {@code dap --port} starts it: a stdio session serves one client, and its
 * start-up is measured to the millisecond.
 */
public final class JsonWarmup {
    private static final Logger LOG = Logger.getLogger(JsonWarmup.class.getName());
    /** Enough calls for C2 to take the per-message methods (its thresholds are ~5,000-15,000 calls). */
    static final int ROUNDS = 3000;

    private static final List<String> REQUESTS = List.of(
            request(1, "next", "{\"threadId\":1}"),
            request(2, "stackTrace", "{\"threadId\":1,\"startFrame\":0,\"levels\":20}"),
            request(3, "scopes", "{\"frameId\":1000}"),
            request(4, "variables", "{\"variablesReference\":1001}"),
            request(5, "continue", "{\"threadId\":1}"),
            request(6, "threads", null));

    private JsonWarmup() {
    }

    /** Starts the warm-up on a daemon thread of low priority and returns at once. */
    public static void startInBackground() {
        Thread t = new Thread(() -> {
            long start = System.nanoTime();
            int bytes = run(ROUNDS);
            LOG.fine(() -> "JSON warm-up: " + bytes + " bytes in " + (System.nanoTime() - start) / 1_000_000 + " ms");
        }, "trapdoor-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /**
     * Runs {@code rounds} rounds; returns the bytes framed (so the work cannot be optimized away).
     *
     * @throws IllegalStateException when a request does not read back as its typed arguments
     */
    static int run(int rounds) {
        List<Message> out = messages();
        int bytes = 0;
        for (int r = 0; r < rounds; r++) {
            for (String text : REQUESTS) {
                Message m = SharedJson.parse(text, id -> null);
                if (!(m instanceof RequestMessage request) || (request.getParams() == null
                        && !"threads".equals(request.getMethod()))) {
                    throw new IllegalStateException("warm-up request not read back: " + text);
                }
                byte[] framed = Frames.frame(text);
                bytes += (int) Frames.contentLength(new String(framed, 0, framed.length - text.length(),
                        StandardCharsets.ISO_8859_1));
            }
            for (Message m : out) {
                bytes += Frames.frame(SharedJson.serialize(m)).length;
            }
        }
        return bytes;
    }

    private static String request(int seq, String command, String arguments) {
        return "{\"command\":\"" + command + "\"," + (arguments == null ? "" : "\"arguments\":" + arguments + ",")
                + "\"type\":\"request\",\"seq\":" + seq + "}";
    }

    /** A step's responses and events, shaped like a C program's (a source, a few frames, locals). */
    private static List<Message> messages() {
        Source source = new Source();
        source.setName("warmup.c");
        source.setPath("/warmup/warmup.c");
        StackFrame[] frames = new StackFrame[3];
        for (int i = 0; i < frames.length; i++) {
            StackFrame f = new StackFrame();
            f.setId(1000 + i);
            f.setName("function" + i);
            f.setSource(source);
            f.setLine(10 + i);
            f.setColumn(5);
            f.setInstructionPointerReference("0x" + Integer.toHexString(0x120 + i));
            frames[i] = f;
        }
        StackTraceResponse trace = new StackTraceResponse();
        trace.setStackFrames(frames);
        trace.setTotalFrames(frames.length);
        Scope locals = new Scope();
        locals.setName("Locals");
        locals.setPresentationHint("locals");
        locals.setVariablesReference(1001);
        Scope globals = new Scope();
        globals.setName("Globals");
        globals.setVariablesReference(1002);
        globals.setExpensive(true);
        ScopesResponse scopes = new ScopesResponse();
        scopes.setScopes(new Scope[] {locals, globals});
        Variable[] vars = new Variable[6];
        for (int i = 0; i < vars.length; i++) {
            Variable v = new Variable();
            v.setName("v" + i);
            v.setValue(Integer.toString(i * 7));
            v.setType("int");
            v.setEvaluateName("v" + i);
            v.setMemoryReference("mem:0@0x" + Integer.toHexString(0x1000 + 4 * i));
            vars[i] = v;
        }
        VariablesResponse variables = new VariablesResponse();
        variables.setVariables(vars);
        StoppedEventArguments stopped = new StoppedEventArguments();
        stopped.setReason("step");
        stopped.setThreadId(1);
        stopped.setAllThreadsStopped(true);
        ContinuedEventArguments continued = new ContinuedEventArguments();
        continued.setThreadId(1);
        continued.setAllThreadsContinued(true);
        return List.of(response(1, "next", null), response(2, "stackTrace", trace),
                response(3, "scopes", scopes), response(4, "variables", variables),
                event(5, "stopped", stopped), event(6, "continued", continued));
    }

    private static Message response(int seq, String command, Object body) {
        DebugResponseMessage r = new DebugResponseMessage();
        r.setId(seq);
        r.setResponseId(100 + seq);
        r.setMethod(command);
        r.setResult(body);
        return r;
    }

    private static Message event(int seq, String event, Object body) {
        DebugNotificationMessage n = new DebugNotificationMessage();
        n.setId(200 + seq);
        n.setMethod(event);
        n.setParams(body);
        return n;
    }
}
