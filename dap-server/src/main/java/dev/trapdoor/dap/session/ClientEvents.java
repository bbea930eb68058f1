package dev.trapdoor.dap.session;

import org.eclipse.lsp4j.debug.OutputEventArguments;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * Sends events to the client through the session's serial executor, the same one that handles requests. A request
 * whose response is ready when its handler returns is answered inside that executor task, so an event posted while
 * handling it (the {@code initialized} after {@code initialize}, the {@code stopped} after a {@code next}) goes out
 * after the response, as DAP requires, whichever thread posts it. The executor may run an event on the posting
 * thread (the engine's) when it has nothing running or queued: then nothing is owed an earlier place.
 */
public class ClientEvents {
    private final IDebugProtocolClient client;
    private final Executor serial;
    /** Writes output and stopped events without LSP4J's message path, or null: every event goes through {@code client}. */
    private final DirectEvents direct;

    public ClientEvents(IDebugProtocolClient client, Executor serial) {
        this(client, serial, null);
    }

    /**
     * @param direct where output and stopped events go instead of {@code client}'s methods (in the same order), or
     *               null
     */
    public ClientEvents(IDebugProtocolClient client, Executor serial, DirectEvents direct) {
        this.client = client;
        this.serial = serial;
        this.direct = direct;
    }

    /**
     * The transport's own writer for the events an engine thread sends: an {@code output} event with a category and
     * text and nothing else (a running program sends one per line it prints), and the {@code stopped} event every
     * step ends with (benchmarks/RESULTS.md, session 24).
     */
    public interface DirectEvents {
        void output(String category, String text);

        void stopped(StoppedEventArguments stopped);
    }

    /** Tells the client the program stopped. */
    public void stopped(StoppedEventArguments e) {
        send(direct != null ? new DirectStopped(direct, e) : new Stopped(e));
    }

    /** Sends after whatever the serial executor is doing now (at once, on this thread, if it is idle). */
    public void send(Consumer<IDebugProtocolClient> event) {
        try {
            serial.execute(() -> event.accept(client));
        } catch (RejectedExecutionException closed) {
            // the connection is gone: nobody to tell
        }
    }

    /** Sends right away; only from a request's handler, for events that belong before the current response. */
    public void sendNow(Consumer<IDebugProtocolClient> event) {
        event.accept(client);
    }

    public void output(String category, String text) {
        if (direct != null && category != null && text != null) {
            send(new Direct(direct, category, text));
            return;
        }
        OutputEventArguments o = new OutputEventArguments();
        o.setCategory(category);
        o.setOutput(text);
        send(new Output(o));
    }

    /**
     * A class rather than a lambda: the JVM spins a lambda's class the first time its call site runs, and a debug
     * server's sessions often print their first line at the same moment (50 of them in benchmarks/load.sh).
     */
    private record Output(OutputEventArguments arguments) implements Consumer<IDebugProtocolClient> {
        @Override
        public void accept(IDebugProtocolClient client) {
            client.output(arguments);
        }
    }

    private record Stopped(StoppedEventArguments arguments) implements Consumer<IDebugProtocolClient> {
        @Override
        public void accept(IDebugProtocolClient client) {
            client.stopped(arguments);
        }
    }

    private record DirectStopped(DirectEvents out, StoppedEventArguments arguments)
            implements Consumer<IDebugProtocolClient> {
        @Override
        public void accept(IDebugProtocolClient client) {
            out.stopped(arguments);
        }
    }

    private record Direct(DirectEvents out, String category, String text) implements Consumer<IDebugProtocolClient> {
        @Override
        public void accept(IDebugProtocolClient client) {
            out.output(category, text);
        }
    }
}
