package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.compile.EntryIds;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.LockSupport;

/**
 * The tiered mode. Two triggers, neither of which adds work to the interpreter's hot paths:
 * <ul>
 *   <li>each interpreted call counts down the callee's {@code hotness}; at zero it is queued for compilation;</li>
 *   <li>a sampler sets a flag on every tiered interpreter every {@value #TICK_MS} ms; the interpreter's next poll
 *       (a call, a return or a loop back-edge, where it already reads its debug flags) reports the running function,
 *       and a function seen {@link #HOT_TICKS} times (3 by default) is queued too ({@value #FIRST_HOT_TICKS} times for the
 *       process's first compilation). That catches a hot loop in a function called
 *       once, like a C {@code main}; once it is compiled, the next sample at a loop header moves the frame into the
 *       compiled code there (on-stack replacement), since a loop header's frame state is the compiled code's
 *       entry state.</li>
 * </ul>
 * Compilation runs on a background thread, so the guest never waits for the compiler. It starts no earlier than
 * {@link #START_DELAY_MS} ms after the process started: a short command-line run ({@code trapdoor run} of a
 * hello-world is over in about 0.3 s) would otherwise spend a core of a small machine compiling code it never gets to
 * use, beside the JVM's own compilers warming the engine up (~0.1 s of CPU, a fifth of such a run).
 */
final class Tiering {
    private Tiering() {
    }

    static final int TICK_MS = 2;
    /** {@code -Dtrapdoor.jit.hotTicks=N} sets another count. */
    static final int HOT_TICKS = Math.max(1, Integer.getInteger("trapdoor.jit.hotTicks", 3));
    /**
     * Ticks before the sampler queues the process's first compilation. That one costs 30-130 ms of CPU on a 2-core
     * machine (loading the compiler's classes, the JVM compiling them), so it waits until the loop has run about as
     * long, about 50 ms: a loop that was going to stop sooner (grow1024's 1024 grows, a short command's setup) stops
     * before paying for code it would not use, and one that runs on loses at most that much interpreted time, once.
     * Later compilations cost a millisecond or two and wait {@link #HOT_TICKS} (benchmarks/RESULTS.md, session 13).
     */
    static final int FIRST_HOT_TICKS = 25;
    /** Whether any function was queued for compilation in this process. */
    private static volatile boolean compiling;
    /** {@code -Dtrapdoor.jit.startDelayMs=0} compiles from the start. */
    static final long START_DELAY_MS = Long.getLong("trapdoor.jit.startDelayMs", 300);
    /** Where the process's age is unknown (no {@code /proc}), compilation starts at once, as before. */
    private static final long COMPILE_FROM_MS = ProcessAge.wallClockAtAge(START_DELAY_MS);

    /** {@code -Dtrapdoor.jit.prime=true} runs {@link Priming}'s passes ({@code bin/trapdoor run} sets it). */
    static final boolean PRIME = Boolean.getBoolean("trapdoor.jit.prime");

    /**
     * {@code -Dtrapdoor.jit.parkSampler=false} keeps the sampler ticking every {@value #TICK_MS} ms whatever its
     * interpreters do. By default it parks while none of them runs a program that a tick could serve: an interpreter
     * outside an invocation, or one whose program a debugger holds (stopped at an event, or stepping: a tick does
     * nothing then, see {@link #tick}). A debug server's sessions spend nearly all their time so; with 50 of them the
     * sampler's 500 wake-ups a second took ~5% of the server's CPU while they stepped (benchmarks/RESULTS.md,
     * session 22).
     */
    static final boolean PARK = !"false".equals(System.getProperty("trapdoor.jit.parkSampler"));

    private static final Set<Interpreter> SAMPLED = Collections.synchronizedSet(Collections.newSetFromMap(
            new WeakHashMap<>()));
    /** The sampler's thread. */
    private static final Sampler SAMPLER = new Sampler();
    /** The sampler is parked, or about to park: an interpreter that starts to want ticks unparks it. */
    private static volatile boolean parked;
    /** Ticks in which the sampler found an interpreter to flag (for tests). */
    private static volatile long ticks;
    /** Functions found hot before compilation may start; the sampler hands them to the compiler then. */
    private static final List<FunctionInstance> WAITING = new ArrayList<>();

    static {
        SAMPLER.start();
    }

    /**
     * Sleeps until compilation may start, then hands over the functions found hot meanwhile and sets the tick flag
     * every {@value #TICK_MS} ms on the interpreters that run a program, parking while none does ({@link #PARK}). Sampling before then would only find what to compile then; the countdown already
     * queues what is called often, and three ticks after the start find a hot loop. Until then the interpreter's
     * polls find no flag (500 wake-ups a second cost a short run ~20 ms of CPU on a small machine).
     *
     * <p>A plain thread, not a scheduled executor, and no lambdas: a {@code trapdoor run} of a hello-world is over
     * before the first tick, and the executor's classes, the lambdas' links and the one class the JDK spins for the
     * first non-capturing lambda cost it ~5 ms on the standard machine.
     */
    private static final class Sampler extends Thread {
        Sampler() {
            super("trapdoor sampler");
            setDaemon(true);
        }

        @Override
        public void run() {
            loadSubclasses();
            initializeExitPaths();
            try {
                Thread.sleep(Math.max(TICK_MS, COMPILE_FROM_MS - System.currentTimeMillis()));
                for (;;) {
                    startWaiting();
                    boolean any = sample();
                    if (PRIME) {
                        Priming.tick();
                    } else if (!any && PARK) {
                        park();
                    }
                    Thread.sleep(TICK_MS);
                }
            } catch (InterruptedException e) {
                // Only the JVM's exit ends a daemon thread; nothing to hand over then.
            }
        }
    }

    /**
     * Loads (without initializing) the classes compilation brings in that extend a class the JVM's compiled code
     * already relies on having no subclasses: HotSpot throws away compiled code, or a compile in progress, whose such
     * assumption a newly loaded class breaks. The first compilation loaded ASM's {@code MethodTooLargeException} and
     * {@code ClassTooLargeException} (both {@link IndexOutOfBoundsException}s, which the dispatch loop catches) while
     * C2 was compiling {@link Interpreter#run}, and C2 dropped that compile after 1-2 s of work ("concurrent class
     * loading"); the first {@code call_indirect} compiled loaded {@link IndirectCallSite} (a {@code MutableCallSite}),
     * and guest chunks compiled before were thrown away (benchmarks/RESULTS.md, session 18). Done here, on the
     * sampler's thread before its first sleep: early enough for either, and off the guest's thread.
     */
    private static void loadSubclasses() {
        ClassLoader loader = Tiering.class.getClassLoader();
        for (String name : new String[] {"org.objectweb.asm.MethodTooLargeException",
                "org.objectweb.asm.ClassTooLargeException", IndirectCallSite.class.getName()}) {
            try {
                Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                // Without the class, nothing will load it later either.
            }
        }
    }

    /**
     * Loads and initializes the classes the dispatch loop calls only when a compiled frame unwinds through it (a Wasm
     * exception or a frame leaving compiled code): C2 compiles a call into a class that is not loaded yet as a trap,
     * and the first unwind then throws the loop's C2 code away and compiles it again. In a Lua run that came with the
     * program's first caught error, 20 s in, and the recompile was still running when the program ended
     * (benchmarks/RESULTS.md, session 19). Neither class has static state.
     */
    private static void initializeExitPaths() {
        ClassLoader loader = Tiering.class.getClassLoader();
        for (String name : new String[] {Traps.class.getName(), JitExceptions.class.getName()}) {
            try {
                Class.forName(name, true, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                // Then the loop's exits stay as they were.
            }
        }
    }

    /** The compiler's single thread, made when the first function is handed to it. */
    private static final class CompileQueue {
        static final ExecutorService THREAD = Executors.newSingleThreadExecutor(new ThreadFactory() {
            @Override
            public Thread newThread(Runnable r) {
                Thread t = new Thread(r, "trapdoor compiler");
                t.setDaemon(true);
                return t;
            }
        });
    }

    private static void startWaiting() {
        List<FunctionInstance> ready;
        synchronized (WAITING) {
            if (WAITING.isEmpty()) {
                return;
            }
            ready = new ArrayList<>(WAITING);
            WAITING.clear();
        }
        for (FunctionInstance f : ready) {
            compile(f);
        }
    }

    private static void compile(FunctionInstance f) {
        inBackground(() -> JitInstaller.install(f));
    }

    /** Runs {@code compilation} on the compiler thread, after the tier-ups queued before it. */
    static void inBackground(Runnable compilation) {
        CompileQueue.THREAD.execute(compilation);
    }

    static long startDelayLeft(long processAgeMillis) {
        return ProcessAge.delayLeft(START_DELAY_MS, processAgeMillis);
    }

    /** Flags every interpreter that wants a tick; returns whether there was one. */
    private static boolean sample() {
        boolean any = false;
        synchronized (SAMPLED) {
            for (Interpreter in : SAMPLED) {
                if (!PARK || in.ticks.wanted()) {
                    any = true;
                    if ((in.debugFlags & Interpreter.TICK) == 0) {
                        in.setFlag(Interpreter.TICK);
                    }
                }
            }
        }
        if (any) {
            ticks++;
        }
        return any;
    }

    /**
     * Parks until an interpreter wants ticks again ({@link #wake}). {@link #parked} is published before the last
     * look, and {@link TickDemand#wanted}'s fields are written before {@link #wake} reads it (all volatile): an
     * interpreter that starts to want ticks either is seen here or unparks the sampler, whose park then returns at
     * once.
     */
    private static void park() {
        parked = true;
        try {
            while (!anyWantsTicks()) {
                LockSupport.park(SAMPLER);
                if (Thread.interrupted()) {
                    return;
                }
            }
        } finally {
            parked = false;
        }
    }

    private static boolean anyWantsTicks() {
        synchronized (SAMPLED) {
            for (Interpreter in : SAMPLED) {
                if (in.ticks.wanted()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** An interpreter started to want ticks: unparks the sampler if it is parked. */
    static void wake() {
        if (parked) {
            LockSupport.unpark(SAMPLER);
        }
    }

    /** Ticks so far in which the sampler flagged an interpreter. */
    static long ticks() {
        return ticks;
    }

    /** Starts sampling a tiered store's interpreter. */
    static void sample(Interpreter in) {
        SAMPLED.add(in);
    }

    static void stopSampling(Interpreter in) {
        SAMPLED.remove(in);
        in.clearFlag(Interpreter.TICK);
    }

    /** {@code f}'s countdown reached zero, or the sampler found it hot. */
    static void hot(FunctionInstance f) {
        if (f.store.config.tier() != Tier.TIERED || f.jitRequested || f.store.jitDisabled()) {
            return;
        }
        f.jitRequested = true;
        compiling = true;
        if (COMPILE_FROM_MS - System.currentTimeMillis() > 0) {
            synchronized (WAITING) {
                WAITING.add(f);
            }
        } else {
            compile(f);
        }
    }

    /**
     * A sample found {@code f} at {@code pc} in the interpreter, with its frame at {@code fp}. Returns null to go on
     * interpreting, or, after running the rest of the activation compiled, code whose instruction at {@code pc}
     * returns from the frame (its results are in place).
     */
    static int[] tick(Interpreter in, FunctionInstance f, int pc, int fp) {
        if (f.store.config.tier() != Tier.TIERED || f.store.jitDisabled()) {
            return null;
        }
        if (f.store.leaveCompiled || (in.debugFlags & (Interpreter.STEP | Interpreter.PAUSE)) != 0) {
            // Compiled frames are leaving for the interpreter (entering compiled code now would bounce straight
            // out), or a step or pause needs this frame's instructions: it stays in the interpreter.
            return null;
        }
        JitContext ctx = f.jitContext;
        if (ctx == null || f.jit == null) {
            if (++f.ticks >= (compiling ? HOT_TICKS : FIRST_HOT_TICKS)) {
                hot(f);
            }
            return null;
        }
        int loop = f.code.loopAt(pc);
        if (loop < 0 || !ctx.hasEntry(EntryIds.loop(loop))) {
            return null;
        }
        long[] before = in.stack;
        try {
            JitRt.runFrom(ctx, fp, EntryIds.loop(loop));
        } catch (JitUnwind u) {
            u.interpreterFrameListed = true;
            // The frames below in this run are not asked whether they catch a Wasm exception it carries.
            u.movesAll = true;
            throw u;
        }
        if (in.stack != before) {
            // The dispatch loop still holds the array it had: move what is live (everything up to this frame's
            // results) back into it; whatever lay above belonged to frames that have returned.
            System.arraycopy(in.stack, 0, before, 0, fp + Math.max(f.code.resultCount, 1));
            in.stack = before;
        }
        int[] returning = new int[pc + 1];
        returning[pc] = Op.RETURN;
        return returning;
    }
}
