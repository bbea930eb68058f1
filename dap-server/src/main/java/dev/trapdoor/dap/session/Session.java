package dev.trapdoor.dap.session;

import dev.trapdoor.dap.source.BreakpointBook;
import dev.trapdoor.dap.source.SourceVariablesProvider;
import dev.trapdoor.dap.source.Stepper;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What request handlers need from a debug session. All methods are called on the session's serial executor; the
 * implementation ({@link DebugSession}) talks to the engine thread. Handlers depend on this interface only, so tests
 * can replace it with a mock.
 */
public interface Session {
    ClientEvents events();

    /** The client's {@code initialize} arguments (capabilities such as progress reporting), once known. */
    InitializeRequestArguments client();

    void initialized(InitializeRequestArguments client);

    RunState state();

    /** The loaded program. @throws an error response when there is none yet */
    Program program();

    /** The current stop. @throws an error response when the program is not stopped */
    Stop stop();

    BreakpointBook breakpoints();

    ExceptionFilters exceptionFilters();

    /** The data breakpoints (watchpoints). */
    dev.trapdoor.dap.watch.DataWatches dataWatches();

    SourceVariablesProvider sourceVariables();

    void launch(LaunchConfig config);

    void attach(Map<String, Object> arguments);

    void configurationDone();

    /** Resumes a stopped program: {@code null} continues, a stepper steps. */
    void resume(Stepper stepper);

    void pause();

    void terminate();

    void disconnect(boolean terminateDebuggee);

    /** Ends the current run and starts the program again with the same configuration; completes when it runs. */
    CompletableFuture<Void> restart();
}
