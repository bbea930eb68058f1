package dev.trapdoor.dap.handler;

import dev.trapdoor.dap.session.LaunchArguments;
import dev.trapdoor.dap.session.Session;
import org.eclipse.lsp4j.debug.Capabilities;
import org.eclipse.lsp4j.debug.DisconnectArguments;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** initialize, launch, attach, configurationDone, restart, terminate, disconnect. */
public final class LifecycleHandler {
    private final Session session;
    private final Path defaultCwd;

    public LifecycleHandler(Session session, Path defaultCwd) {
        this.session = session;
        this.defaultCwd = defaultCwd;
    }

    /** Answers with the capabilities; {@code initialized} is sent after this response (see ClientEvents). */
    public Capabilities initialize(InitializeRequestArguments args) {
        session.initialized(args);
        session.events().send(c -> c.initialized());
        return CapabilitiesFactory.create();
    }

    public void launch(Map<String, Object> args) {
        session.launch(LaunchArguments.parse(args, defaultCwd));
    }

    public void attach(Map<String, Object> args) {
        session.attach(args);
    }

    public void configurationDone() {
        session.configurationDone();
    }

    public CompletableFuture<Void> restart() {
        return session.restart();
    }

    public void terminate() {
        session.terminate();
    }

    public void disconnect(DisconnectArguments args) {
        boolean terminate = args == null || args.getTerminateDebuggee() == null || args.getTerminateDebuggee();
        session.disconnect(terminate);
    }
}
