package dev.trapdoor.dap.session;

import dev.trapdoor.dap.source.BreakpointBook;
import dev.trapdoor.dap.source.SourceVariablesProvider;
import dev.trapdoor.dap.source.Stepper;
import dev.trapdoor.dap.watch.DataWatches;
import dev.trapdoor.engine.debug.DebugEvent;
import dev.trapdoor.engine.debug.DebugFrame;
import dev.trapdoor.engine.debug.DebugHandler;
import dev.trapdoor.engine.debug.Resume;
import dev.trapdoor.engine.exec.MemoryBudget;
import org.eclipse.lsp4j.debug.Breakpoint;
import org.eclipse.lsp4j.debug.BreakpointEventArguments;
import org.eclipse.lsp4j.debug.ContinuedEventArguments;
import org.eclipse.lsp4j.debug.ExitedEventArguments;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;
import org.eclipse.lsp4j.debug.TerminatedEventArguments;

import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * One debug session: one client connection, one program, one engine (store) and one engine thread.
 *
 * <pre>
 *            launch / attach              configurationDone
 *    NEW ───────────────────▶ LOADED ─────────────────────────▶ RUNNING ◀──────────────┐
 *                               │                                │   │                 │ continue / next /
 *                               │ terminate                      │   │ breakpoint,     │ stepIn / stepOut
 *                               ▼                                │   │ step, pause,    │ (Resume put on
 *                          TERMINATED ◀──── program ends ────────┘   │ trap, entry     │  the queue)
 *                               ▲          (exited, terminated)      ▼                 │
 *                               └──────────── terminate ──────── STOPPED ──────────────┘
 *                                          (TERMINATE on queue)  engine thread parked in
 *                                                                onEvent, frames valid
 * </pre>
 *
 * <p>Threads. Requests run on the session's serial executor: one at a time, in order, each seeing what the one before
 * did, on the session thread or (the quick ones over TCP, see {@code transport.DapConnection}) on the event loop that
 * read them. Only the serial executor changes the state from STOPPED to RUNNING, so while a request handler runs on a
 * stopped program the frames cannot expire under it. The program runs on its own engine thread ({@code
 * trapdoor-engine-N}); the engine calls {@link #onEvent} there, and a stop parks that thread on a queue until a
 * request puts a {@link Resume} on it. Pause and terminate while running go through {@code Debugger.requestPause()},
 * which the engine honours at its next call, return or loop back-edge. In attach mode the application's thread plays
 * the engine thread.
 */
public final class DebugSession implements Session, DebugHandler {
    private static final int THREAD_ID = 1;

    private final ClientEvents events;
    private final Executor serial;
    private final SourceVariablesProvider sourceVariables;
    private final StopConditions checks;
    private final BreakpointHits hits;
    private final AttachTarget attachTarget;
    private final BreakpointBook breakpoints = new BreakpointBook();
    private final DataWatches watches = new DataWatches();
    private final ExceptionFilters filters = new ExceptionFilters();
    private final BlockingQueue<Resume> commands = new LinkedBlockingQueue<>();
    private final Object lock = new Object();

    private InitializeRequestArguments client = new InitializeRequestArguments();
    private LaunchConfig config;
    private volatile Program program;
    private volatile RunState state = RunState.NEW;
    private Stop stop;
    private volatile Stepper stepper;
    /** The result of the host call just stepped over, for the next stop's "WASI result" scope. */
    private volatile Map<String, String> hostResult;
    private volatile boolean terminateRequested;
    private volatile boolean pauseRequested;
    private volatile boolean detached;
    private volatile boolean entryStopPending;
    private boolean configured;
    private Thread engineThread;
    private CompletableFuture<Void> restartDone;
    /** The budget all sessions of a {@code dap --port} server share, or null. */
    private volatile MemoryBudget serverMemory;
    private volatile boolean disposed;

    public DebugSession(ClientEvents events, Executor serial, SourceVariablesProvider sourceVariables,
                        AttachTarget attachTarget) {
        this.events = events;
        this.serial = serial;
        this.sourceVariables = sourceVariables;
        this.checks = new StopConditions(events, sourceVariables);
        this.attachTarget = attachTarget;
        this.hits = new BreakpointHits(breakpoints, checks, events, sourceVariables, new HitStops());
    }

    /**
     * Charges the programs this session launches to {@code budget} as well as to their own {@code maxMemory}: a
     * server's limit for all its sessions together. Their charges are given back when the session is disposed of (or
     * its program is replaced by a restart), not when the program exits, since until then its memory can be read.
     */
    public void shareMemoryBudget(MemoryBudget budget) {
        this.serverMemory = budget;
    }

    // ---- Session: queries

    @Override
    public ClientEvents events() {
        return events;
    }

    @Override
    public InitializeRequestArguments client() {
        return client;
    }

    @Override
    public void initialized(InitializeRequestArguments args) {
        client = args == null ? new InitializeRequestArguments() : args;
    }

    @Override
    public RunState state() {
        return state;
    }

    @Override
    public Program program() {
        Program p = program;
        if (p == null) {
            throw Failures.failure("no program yet: send 'launch' (or 'attach') first");
        }
        return p;
    }

    @Override
    public Stop stop() {
        synchronized (lock) {
            if (state != RunState.STOPPED || stop == null) {
                throw Failures.failure(state == RunState.RUNNING ? "the program is running; pause it first"
                        : "the program is not stopped (it is " + state.name().toLowerCase() + ")");
            }
            return stop;
        }
    }

    @Override
    public BreakpointBook breakpoints() {
        return breakpoints;
    }

    @Override
    public DataWatches dataWatches() {
        return watches;
    }

    @Override
    public ExceptionFilters exceptionFilters() {
        return filters;
    }

    @Override
    public SourceVariablesProvider sourceVariables() {
        return sourceVariables;
    }

    // ---- Session: lifecycle

    @Override
    public void launch(LaunchConfig launchConfig) {
        if (state != RunState.NEW) {
            throw Failures.failure("launch: this session already has a program (" + state.name().toLowerCase()
                    + ")");
        }
        config = launchConfig;
        loaded(load(launchConfig));
        if (configured) {
            start(); // a client that sent configurationDone first
        }
    }

    private Program load(LaunchConfig launchConfig) {
        boolean progress = Boolean.TRUE.equals(client.getSupportsProgressReporting());
        String token = "load-" + System.identityHashCode(launchConfig);
        if (progress) {
            events.sendNow(c -> c.progressStart(Progress.start(token, "Loading " + launchConfig.program()
                    .getFileName())));
        }
        try {
            return ProgramLoader.load(launchConfig, new GuestOutput(events, "stdout"),
                    new GuestOutput(events, "stderr"), events, serverMemory);
        } finally {
            if (progress) {
                events.sendNow(c -> c.progressEnd(Progress.end(token)));
            }
        }
    }

    private void loaded(Program p) {
        program = p;
        p.debugger().setHandler(this);
        p.debugger().setEntryEvents(true);
        p.debugger().setExactListener(fn -> events().output("console", "trapdoor: " + fn.name()
                + " now runs exactly (one translated instruction per Wasm instruction) for instruction-level"
                + " debugging; the rest of the program stays optimized\n"));
        state = RunState.LOADED;
        List<Breakpoint> changed = breakpoints.bind(p);
        entryStopPending = config != null && config.stopOnEntry();
        ModuleInfo.announce(p, events);
        p.sourceMap().lineTableWarning().ifPresent(w -> events.output("console", "warning: " + w + "\n"));
        for (Breakpoint bp : changed) {
            BreakpointEventArguments e = new BreakpointEventArguments();
            e.setReason("changed");
            e.setBreakpoint(bp);
            events.send(c -> c.breakpoint(e));
        }
    }

    @Override
    public void attach(Map<String, Object> arguments) {
        if (attachTarget == null) {
            throw Failures.failure("attach: nothing to attach to here; use 'launch', or start the program with"
                    + " 'trapdoor run --listen PORT PROGRAM.wasm' and attach to that port");
        }
        if (state != RunState.NEW) {
            throw Failures.failure("attach: this session already has a program");
        }
        Object stopOnEntry = arguments == null ? null : arguments.get("stopOnEntry");
        loaded(attachTarget.attach(this, events));
        entryStopPending = Boolean.TRUE.equals(stopOnEntry);
        if (configured) {
            start();
        }
    }

    @Override
    public void configurationDone() {
        if (configured) {
            return;
        }
        configured = true;
        if (state == RunState.LOADED) {
            start();
        }
    }

    private void start() {
        synchronized (lock) {
            state = RunState.RUNNING;
        }
        if (attachTarget != null && program.entry() == null) {
            attachTarget.configured();
            return;
        }
        Program p = program;
        engineThread = GuestStack.thread(() -> runProgram(p), "trapdoor-engine-" + System.identityHashCode(this));
        engineThread.setDaemon(true);
        engineThread.start();
    }

    private void runProgram(Program p) {
        ProgramRun.End end = ProgramRun.run(p, this, events);
        programFinished(end.exitCode(), end.terminated());
    }

    /**
     * The program ended: in attach mode the owner calls this with the exit code. Sends {@code exited} (unless it was
     * terminated by the debugger) and {@code terminated}, or starts the next run of a restart.
     */
    public void programFinished(int exitCode, boolean terminatedByDebugger) {
        synchronized (lock) {
            state = RunState.TERMINATED;
            stop = null;
        }
        stepper = null;
        if (disposed) {
            releaseMemory();
        }
        if (restartDone != null) {
            serial.execute(this::relaunch);
            return;
        }
        Program finished = program;
        if (finished != null) {
            String casts = TrapText.adaptedCalls(finished.debugger().adaptedCalls(), finished);
            if (!casts.isEmpty()) {
                events.output("console", casts);
            }
        }
        if (!terminatedByDebugger) {
            ExitedEventArguments e = new ExitedEventArguments();
            e.setExitCode(exitCode);
            events.send(c -> c.exited(e));
        }
        events.send(c -> c.terminated(new TerminatedEventArguments()));
    }

    @Override
    public void resume(Stepper next) {
        synchronized (lock) {
            Stop current = stop();
            if (next != null && !(next instanceof dev.trapdoor.dap.source.RestartStepper)
                    && !next.travels()) {
                next = HostCallStep.over(current, next, program, r -> hostResult = r);
            }
            Resume r = next == null ? watches.idle() : next.start(current.frames());
            watches.arm(program.instance(), current.frames());
            stepper = next;
            state = RunState.RUNNING;
            commands.add(r);
        }
    }

    @Override
    public void pause() {
        if (state == RunState.RUNNING) {
            pauseRequested = true;
            program.debugger().requestPause();
        } else if (state != RunState.STOPPED) {
            throw Failures.failure("pause: the program is not running (it is " + state.name().toLowerCase() + ")");
        }
    }

    @Override
    public void terminate() {
        synchronized (lock) {
            switch (state) {
                case NEW, LOADED -> {
                    state = RunState.TERMINATED;
                    events.send(c -> c.terminated(new TerminatedEventArguments()));
                }
                case RUNNING -> {
                    terminateRequested = true;
                    if (program != null) {
                        program.debugger().requestPause();
                    }
                }
                case STOPPED -> {
                    terminateRequested = true;
                    state = RunState.RUNNING;
                    commands.add(Resume.TERMINATE);
                }
                case TERMINATED -> {
                }
            }
        }
    }

    @Override
    public void disconnect(boolean terminateDebuggee) {
        if (attachTarget != null && program != null && program.entry() == null && !terminateDebuggee) {
            detach();
            return;
        }
        terminate();
    }

    /** The connection is gone: end this session's program (or, attached, let it run free). Idempotent. */
    public void dispose() {
        if (attachTarget != null && program != null && program.entry() == null) {
            detach();
            return;
        }
        disposed = true;
        terminate();
        if (state != RunState.RUNNING && state != RunState.STOPPED) {
            releaseMemory(); // else the engine thread does, when the program has ended
        }
    }

    /**
     * The program's memories are garbage from now on: their native storage is freed, and the server budget may give
     * their bytes to other sessions. Called only when the engine thread no longer runs the program.
     */
    private void releaseMemory() {
        Program p = program;
        if (p != null && p.entry() != null) {
            p.instance().store().releaseMemories();
        }
    }

    private void detach() {
        detached = true;
        breakpoints.clear();
        filters.clear();
        synchronized (lock) {
            if (state == RunState.STOPPED) {
                state = RunState.RUNNING;
                commands.add(Resume.CONTINUE);
            }
        }
        program.debugger().setHandler(null);
        attachTarget.detached(this);
    }

    @Override
    public CompletableFuture<Void> restart() {
        if (config == null) {
            throw Failures.failure("restart: only a launched program can be restarted");
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (state == RunState.RUNNING || state == RunState.STOPPED) {
            restartDone = done;
            terminate();
        } else {
            restartDone = done;
            relaunch();
        }
        return done;
    }

    /** Second half of a restart, on the serial executor: a fresh store and instance, the same breakpoints. */
    private void relaunch() {
        CompletableFuture<Void> done = restartDone;
        restartDone = null;
        terminateRequested = false;
        pauseRequested = false;
        try {
            state = RunState.NEW;
            releaseMemory();
            loaded(load(config));
            if (configured) {
                start();
                ContinuedEventArguments c = new ContinuedEventArguments();
                c.setThreadId(THREAD_ID);
                c.setAllThreadsContinued(true);
                events.send(client -> client.continued(c));
            }
            done.complete(null);
        } catch (RuntimeException e) {
            state = RunState.TERMINATED;
            done.completeExceptionally(e);
            events.send(c -> c.terminated(new TerminatedEventArguments()));
        }
    }

    // ---- DebugHandler: the engine thread

    @Override
    public Resume onEvent(DebugEvent event, List<DebugFrame> frames) {
        if (terminateRequested) {
            return Resume.TERMINATE;
        }
        if (detached) {
            return Resume.CONTINUE;
        }
        Stepper s = stepper;
        Resume goOn = s == null ? watches.idle() : s.again();
        if (!watches.isEmpty() && !(event instanceof DebugEvent.Entry) && !(event instanceof DebugEvent.Trap)
                && (s == null || !s.travels())) {
            DataWatches.Hit hit = watches.check(program.instance(), frames,
                    c -> checks.holds(c, "data breakpoint ", frames.get(0), program),
                    program::instructionText);
            if (hit != null) {
                events.output("console", "data breakpoint " + hit.watch().id() + ": " + hit.text() + "\n");
                return park(event, frames, "data breakpoint", hit.text(), new Integer[] {hit.watch().id()});
            }
        }
        if (event instanceof DebugEvent.Entry) {
            if (entryStopPending) {
                entryStopPending = false;
                return park(event, frames, "entry", null, null);
            }
            // The entry event stands for a breakpoint on the invocation's first instruction too.
            var bp = frames.isEmpty() ? null : breakpoints.engineBreakpointAt(frames.get(0).moduleOffset());
            return bp == null ? goOn : hits.onHit(new DebugEvent.BreakpointHit(bp), frames, () -> goOn);
        }
        if (event instanceof DebugEvent.BreakpointHit hit) {
            if (s instanceof HostCallStep call && !call.hasReturned()) {
                // The host call's one-instruction step ended on a breakpoint: the step is done here first.
                Resume r = call.onStep(frames);
                if (r == null) {
                    return hits.parkAfterStep(call, event, frames);
                }
                return hits.onHit(hit, frames, () -> r);
            }
            if (hit.endsStep() && s != null) {
                // A hit that does not stop (a false condition, a log point) still ends the step here.
                return hits.onHit(hit, frames, () -> {
                    Resume r = s.onStep(frames);
                    return r != null ? r : hits.parkAfterStep(s, event, frames);
                });
            }
            return hits.onHit(hit, frames, () -> goOn);
        }
        if (event instanceof DebugEvent.Step) {
            if (s == null && !watches.isEmpty()) {
                return goOn; // a data breakpoint's instruction step
            }
            Resume r = s == null ? null : s.onStep(frames);
            if (r != null) {
                return r;
            }
            return hits.parkAfterStep(s, event, frames);
        }
        if (event instanceof DebugEvent.Pause) {
            if (pauseRequested) {
                pauseRequested = false;
                return park(event, frames, "pause", null, null);
            }
            return goOn;
        }
        if (event instanceof DebugEvent.Trap trap) {
            if (config != null && config.coredumpOnTrap() != null) {
                PostMortem.writeOnTrap(config, program, trap, frames, events);
            }
            return onTrap(trap, frames);
        }
        if (event instanceof DebugEvent.WasmException ex) {
            var conditions = filters.exceptionConditions(ex.caught());
            return conditions.isPresent() && checks.anyHolds(conditions.get(), frames.get(0), program)
                    ? park(ex, frames, "exception", ExceptionText.of(ex, program), null) : goOn;
        }
        if (event instanceof DebugEvent.FunctionPointerCast cast) {
            events.output("important", TrapText.functionPointerCast(cast, program) + "\n");
            return goOn;
        }
        return Resume.CONTINUE;
    }

    private Resume onTrap(DebugEvent.Trap trap, List<DebugFrame> frames) {
        var conditions = filters.conditions(trap.kind());
        if (conditions.isEmpty() || !checks.anyHolds(conditions.get(), frames.get(0), program)) {
            return Resume.CONTINUE;
        }
        String text = trap.kind().message() + (trap.detail().describe().isEmpty() ? ""
                : ": " + trap.detail().describe());
        return park(trap, frames, "exception", text, null);
    }

    /** A coredump's stop (see {@link PostMortem}): parks like any stop, until the client says how to go on. */
    Resume postMortemStop(DebugEvent event, List<DebugFrame> frames, String text) {
        return park(event, frames, "exception", text, null);
    }

    /** Stops: publishes the stop, tells the client, and parks until a request says how to go on. */
    private Resume park(DebugEvent event, List<DebugFrame> frames, String reason, String text, Integer[] hitIds) {
        stepper = null;
        synchronized (lock) {
            if (terminateRequested) {
                return Resume.TERMINATE;
            }
            stop = new Stop(event, frames, reason, hostResult);
            hostResult = null;
            state = RunState.STOPPED;
        }
        events.stopped(Stop.stoppedEvent(event, reason, THREAD_ID, text, hitIds));
        Resume r;
        try {
            r = commands.take();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            r = Resume.TERMINATE;
        }
        synchronized (lock) {
            stop = null;
        }
        return r;
    }

    /** The session's parts a breakpoint hit reaches, kept off this class's public surface. */
    private final class HitStops implements BreakpointHits.Stops {
        @Override
        public Program program() {
            return program;
        }

        @Override
        public Stepper stepper() {
            return stepper;
        }

        @Override
        public void stepper(Stepper next) {
            stepper = next;
        }

        @Override
        public void hostResult(Map<String, String> scope) {
            hostResult = scope;
        }

        @Override
        public Resume park(DebugEvent event, List<DebugFrame> frames, String reason, String text, Integer[] hitIds) {
            return DebugSession.this.park(event, frames, reason, text, hitIds);
        }
    }

    /** For tests and shutdown: waits for the engine thread to end. */
    public void awaitEngine(long millis) throws InterruptedException {
        Thread t = engineThread;
        if (t != null) {
            t.join(millis);
        }
    }
}
