package dev.trapdoor.dap.transport;

import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.messages.Message;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In a server of many sessions, the first request of each kind an editor sends at every stop runs alone: requests of
 * that kind that arrive on other sessions meanwhile wait until it is answered, then run together.
 *
 * <p>Why: a request's code is cold the first time it runs in a process, and its lambdas and string concatenations
 * are linked then. The JVM links an {@code invokedynamic} call site on every thread that reaches it before it is
 * linked, and each of them but the first spins a class of its own even when the start-up archive holds one. Fifty
 * sessions taking their first step at once linked the same call sites up to 18 times over (benchmarks/RESULTS.md,
 * session 16). Only kinds that answer at once are held back this way (a step only queues the engine's resume);
 * {@code launch} and {@code evaluate}, which may run long, never wait. Once the first of a kind is answered, a request
 * of that kind pays a map lookup.
 */
final class FirstRequests {
    /** The requests of every stop: the step that ends it and what an editor asks at the next one. */
    static final Set<String> KINDS = Set.of("next", "stepIn", "stepOut", "continue", "stackTrace", "scopes",
            "variables", "threads");

    /** A kind's lock while its first request runs; {@link #DONE} after. */
    private final Map<String, Object> states = new ConcurrentHashMap<>();
    private static final Object DONE = new Object();

    /** The process's gate: its sessions share their code's call sites. */
    static final FirstRequests PROCESS = new FirstRequests();

    /**
     * Hands {@code message}, a request of {@code kind}, to {@code handler}: alone if it is the first of its kind. (No
     * lambda here: this is every request's path, and its own call site would be linked by every session at once.)
     */
    void run(String kind, MessageConsumer handler, Message message) {
        if (kind == null || !KINDS.contains(kind)) {
            handler.consume(message);
            return;
        }
        Object state = states.get(kind);
        if (state == null) {
            Object mine = new Object();
            state = states.putIfAbsent(kind, mine);
            if (state == null) {
                state = mine;
            }
        }
        if (state != DONE) {
            synchronized (state) {
                if (states.get(kind) != DONE) {
                    try {
                        handler.consume(message);
                    } finally {
                        states.put(kind, DONE);
                    }
                    return;
                }
            }
        }
        handler.consume(message); // outside the lock: those that waited run together
    }

    /** Whether the first request of {@code kind} has been answered. */
    boolean done(String kind) {
        return states.get(kind) == DONE;
    }
}
