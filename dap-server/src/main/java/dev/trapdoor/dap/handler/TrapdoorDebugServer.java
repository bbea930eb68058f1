package dev.trapdoor.dap.handler;

import dev.trapdoor.dap.session.Session;
import org.eclipse.lsp4j.debug.*;
import org.eclipse.lsp4j.debug.services.IDebugProtocolServer;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * LSP4J's view of the server: each DAP request goes to its handler through {@link #guard}, so that a failure is an
 * error response with a message for a person, and a crash (a bug) is also logged with its stack trace, while the
 * session goes on. The requests of DAP 1.69 that Trapdoor does not implement answer with a sentence saying so
 * ({@link Unsupported}), matching the capabilities we advertise.
 */
public final class TrapdoorDebugServer implements IDebugProtocolServer {
    private static final Logger LOG = Logger.getLogger(TrapdoorDebugServer.class.getName());

    private final LifecycleHandler lifecycle;
    private final BreakpointHandler breakpoints;
    private final ExecutionHandler execution;
    private final ReverseHandler reverse;
    private final GotoHandler gotos;
    private final StepInTargetsHandler stepInTargets;
    private final StackHandler stack;
    private final VariablesHandler variables;
    private final MemoryHandler memory;
    private final DisassembleHandler disassemble;
    private final InfoHandler info;
    private final DataBreakpointHandler data;
    private final Session session;

    public TrapdoorDebugServer(Session session, Path defaultCwd) {
        this.lifecycle = new LifecycleHandler(session, defaultCwd);
        this.breakpoints = new BreakpointHandler(session);
        this.execution = new ExecutionHandler(session);
        this.reverse = new ReverseHandler(session);
        this.gotos = new GotoHandler(session);
        this.stepInTargets = new StepInTargetsHandler(session);
        this.stack = new StackHandler(session);
        this.variables = new VariablesHandler(session);
        this.memory = new MemoryHandler(session);
        this.disassemble = new DisassembleHandler(session);
        this.info = new InfoHandler(session);
        this.data = new DataBreakpointHandler(session);
        this.session = session;
    }

    /** As {@link #guard}, refused in a post-mortem session: the request would run or change the program. */
    private <T> CompletableFuture<T> changing(String command, Supplier<T> body) {
        return guard(command, () -> {
            ReadOnlyDump.check(session, command);
            return body.get();
        });
    }

    static <T> CompletableFuture<T> guard(String command, Supplier<T> body) {
        try {
            return CompletableFuture.completedFuture(body.get());
        } catch (ResponseErrorException e) {
            return CompletableFuture.failedFuture(e);
        } catch (RuntimeException | StackOverflowError e) {
            LOG.log(Level.SEVERE, "request '" + command + "' failed", e);
            return CompletableFuture.failedFuture(new ResponseErrorException(new ResponseError(
                    ResponseErrorCode.InternalError, command + ": internal error; the server's log has the details",
                    null)));
        }
    }

    static CompletableFuture<Void> run(String command, Runnable body) {
        return guard(command, () -> {
            body.run();
            return null;
        });
    }

    static <T> T required(String command, T args) {
        if (args == null) {
            throw new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidParams, command
                    + ": arguments are required", null));
        }
        return args;
    }

    @Override
    public CompletableFuture<Capabilities> initialize(InitializeRequestArguments args) {
        return guard("initialize", () -> lifecycle.initialize(args));
    }

    @Override
    public CompletableFuture<Void> launch(Map<String, Object> args) {
        return run("launch", () -> lifecycle.launch(args));
    }

    @Override
    public CompletableFuture<Void> attach(Map<String, Object> args) {
        return run("attach", () -> lifecycle.attach(args));
    }

    @Override
    public CompletableFuture<Void> configurationDone(ConfigurationDoneArguments args) {
        return run("configurationDone", lifecycle::configurationDone);
    }

    @Override
    public CompletableFuture<Void> restart(RestartArguments args) {
        return changing("restart", lifecycle::restart).thenCompose(f -> f);
    }

    @Override
    public CompletableFuture<Void> terminate(TerminateArguments args) {
        return run("terminate", lifecycle::terminate);
    }

    @Override
    public CompletableFuture<Void> disconnect(DisconnectArguments args) {
        return run("disconnect", () -> lifecycle.disconnect(args));
    }

    @Override
    public CompletableFuture<SetBreakpointsResponse> setBreakpoints(SetBreakpointsArguments args) {
        return guard("setBreakpoints", () -> breakpoints.setBreakpoints(required("setBreakpoints", args)));
    }

    @Override
    public CompletableFuture<SetFunctionBreakpointsResponse> setFunctionBreakpoints(
            SetFunctionBreakpointsArguments args) {
        return guard("setFunctionBreakpoints", () -> breakpoints.setFunctionBreakpoints(
                required("setFunctionBreakpoints", args)));
    }

    @Override
    public CompletableFuture<SetInstructionBreakpointsResponse> setInstructionBreakpoints(
            SetInstructionBreakpointsArguments args) {
        return guard("setInstructionBreakpoints", () -> breakpoints.setInstructionBreakpoints(
                required("setInstructionBreakpoints", args)));
    }

    @Override
    public CompletableFuture<SetExceptionBreakpointsResponse> setExceptionBreakpoints(
            SetExceptionBreakpointsArguments args) {
        return guard("setExceptionBreakpoints", () -> breakpoints.setExceptionBreakpoints(
                required("setExceptionBreakpoints", args)));
    }

    @Override
    public CompletableFuture<BreakpointLocationsResponse> breakpointLocations(BreakpointLocationsArguments args) {
        return guard("breakpointLocations", () -> breakpoints.breakpointLocations(
                required("breakpointLocations", args)));
    }

    @Override
    public CompletableFuture<ContinueResponse> continue_(ContinueArguments args) {
        return changing("continue", execution::continue_);
    }

    @Override
    public CompletableFuture<Void> next(NextArguments args) {
        return changing("next", () -> {
            execution.next(args == null ? null : args.getGranularity());
            return null;
        });
    }

    @Override
    public CompletableFuture<Void> stepIn(StepInArguments args) {
        return changing("stepIn", () -> {
            if (args != null && args.getTargetId() != null) {
                stepInTargets.stepInto(args.getTargetId());
                return null;
            }
            execution.stepIn(args == null ? null : args.getGranularity());
            return null;
        });
    }

    @Override
    public CompletableFuture<Void> stepOut(StepOutArguments args) {
        return changing("stepOut", () -> {
            execution.stepOut(args == null ? null : args.getGranularity());
            return null;
        });
    }

    @Override
    public CompletableFuture<Void> pause(PauseArguments args) {
        return run("pause", execution::pause);
    }

    @Override
    public CompletableFuture<ThreadsResponse> threads() {
        return guard("threads", stack::threads);
    }

    @Override
    public CompletableFuture<StackTraceResponse> stackTrace(StackTraceArguments args) {
        return guard("stackTrace", () -> stack.stackTrace(required("stackTrace", args)));
    }

    @Override
    public CompletableFuture<ScopesResponse> scopes(ScopesArguments args) {
        return guard("scopes", () -> stack.scopes(required("scopes", args)));
    }

    @Override
    public CompletableFuture<VariablesResponse> variables(VariablesArguments args) {
        return guard("variables", () -> variables.variables(required("variables", args)));
    }

    @Override
    public CompletableFuture<SetVariableResponse> setVariable(SetVariableArguments args) {
        return changing("setVariable", () -> reverse.changed(variables.setVariable(required("setVariable", args))));
    }

    @Override
    public CompletableFuture<SetExpressionResponse> setExpression(SetExpressionArguments args) {
        return changing("setExpression", () -> reverse.changed(variables.setExpression(required("setExpression",
                args))));
    }

    @Override
    public CompletableFuture<EvaluateResponse> evaluate(EvaluateArguments args) {
        return guard("evaluate", () -> {
            ReadOnlyDump.checkEvaluate(session, required("evaluate", args));
            return variables.evaluate(args);
        });
    }

    @Override
    public CompletableFuture<CompletionsResponse> completions(CompletionsArguments args) {
        return guard("completions", () -> variables.completions(required("completions", args)));
    }

    @Override
    public CompletableFuture<ReadMemoryResponse> readMemory(ReadMemoryArguments args) {
        return guard("readMemory", () -> memory.readMemory(required("readMemory", args)));
    }

    @Override
    public CompletableFuture<WriteMemoryResponse> writeMemory(WriteMemoryArguments args) {
        return changing("writeMemory", () -> reverse.changed(memory.writeMemory(required("writeMemory", args))));
    }

    @Override
    public CompletableFuture<DisassembleResponse> disassemble(DisassembleArguments args) {
        return guard("disassemble", () -> disassemble.disassemble(required("disassemble", args)));
    }

    @Override
    public CompletableFuture<ExceptionInfoResponse> exceptionInfo(ExceptionInfoArguments args) {
        return guard("exceptionInfo", info::exceptionInfo);
    }

    @Override
    public CompletableFuture<ModulesResponse> modules(ModulesArguments args) {
        return guard("modules", () -> info.modules(args));
    }

    @Override
    public CompletableFuture<LoadedSourcesResponse> loadedSources(LoadedSourcesArguments args) {
        return guard("loadedSources", info::loadedSources);
    }

    @Override
    public CompletableFuture<SourceResponse> source(SourceArguments args) {
        return guard("source", () -> info.source(required("source", args)));
    }

    @Override
    public CompletableFuture<Void> cancel(CancelArguments args) {
        return Unsupported.cancel();
    }

    @Override
    public CompletableFuture<DataBreakpointInfoResponse> dataBreakpointInfo(DataBreakpointInfoArguments args) {
        return guard("dataBreakpointInfo", () -> data.info(required("dataBreakpointInfo", args)));
    }

    @Override
    public CompletableFuture<SetDataBreakpointsResponse> setDataBreakpoints(SetDataBreakpointsArguments args) {
        return guard("setDataBreakpoints", () -> data.set(required("setDataBreakpoints", args)));
    }

    @Override
    public CompletableFuture<Void> stepBack(StepBackArguments args) {
        return changing("stepBack", () -> {
            reverse.stepBack(args == null ? null : args.getGranularity());
            return null;
        });
    }

    @Override
    public CompletableFuture<Void> reverseContinue(ReverseContinueArguments args) {
        return changing("reverseContinue", () -> {
            reverse.reverseContinue();
            return null;
        });
    }

    @Override
    public CompletableFuture<Void> restartFrame(RestartFrameArguments args) {
        return changing("restartFrame", () -> {
            execution.restartFrame(required("restartFrame", args).getFrameId());
            return null;
        });
    }

    @Override
    public CompletableFuture<Void> goto_(GotoArguments args) {
        return changing("goto", () -> {
            gotos.goto_(required("goto", args));
            return null;
        });
    }

    @Override
    public CompletableFuture<GotoTargetsResponse> gotoTargets(GotoTargetsArguments args) {
        return changing("gotoTargets", () -> gotos.gotoTargets(required("gotoTargets", args)));
    }

    @Override
    public CompletableFuture<StepInTargetsResponse> stepInTargets(StepInTargetsArguments args) {
        return guard("stepInTargets", () -> stepInTargets.targets(required("stepInTargets", args).getFrameId()));
    }

    @Override
    public CompletableFuture<Void> terminateThreads(TerminateThreadsArguments args) {
        return Unsupported.answer("terminating threads");
    }

    @Override
    public CompletableFuture<LocationsResponse> locations(LocationsArguments args) {
        return Unsupported.answer("locations");
    }
}
