package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.ValType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Takes {@link Interpreter#run} through the opcodes real programs reach, on the tiered sampler's thread while a
 * long run starts, so that HotSpot's first C2 compile of the dispatch loop reads a profile that has seen them.
 * C2 leaves a branch or switch case that the profile never saw out of its code, behind a trap that throws the
 * compile away the first time the guest takes it; a Lua run compiled the loop five times, most of them for opcodes
 * (the switch's cases, the float and conversion opcodes past the cold range test) or the entry frame's return that
 * the program reached only after C2 had compiled the loop (benchmarks/RESULTS.md, sessions 16, 18 and 19).
 *
 * <p>The profile (HotSpot's method data) only exists once C1's profiling compile of the loop is under way, about a
 * second into a run, and C2 reads it 0.1-2 s later, so one pass is not enough: {@link Tiering}'s sampler runs a
 * short pass every {@value #EVERY_TICKS} ticks, {@value #PASSES} times, from {@value #START_MS} ms of the process's
 * age. A pass is a few thousand Wasm instructions in a store of its own, in the interpreter tier (never compiled,
 * never sampled), so the guest's store and its compiled code do not see it. Off unless
 * {@code -Dtrapdoor.jit.prime=true}, which {@code bin/trapdoor run} sets.
 */
final class Priming {
    /** After a hello-world's whole run (about 0.25 s), before C1's profiling compile of the loop (1-2 s). */
    static final long START_MS = 600;
    static final int EVERY_TICKS = 10;
    static final int PASSES = 150;
    /** Iterations of each loop in a pass: the profile needs each path taken once, not often. */
    static final int ITERATIONS = 4;

    /** Where the process's age is unknown (no {@code /proc}), from the first tick. */
    private static final long FROM_MS = ProcessAge.wallClockAtAge(START_MS);
    private static int ticks;
    private static int passesLeft = PASSES;
    private static Priming loaded;

    private final Interpreter interpreter;
    private final Instance instance;

    private Priming(Interpreter interpreter, Instance instance) {
        this.interpreter = interpreter;
        this.instance = instance;
    }

    /**
     * Called by the sampler's thread at each of its ticks (and only by it): runs a pass when one is due. Priming is
     * only a hint to the JVM; if it fails, it stops, and the guest never sees it.
     */
    static void tick() {
        if (passesLeft == 0 || ++ticks % EVERY_TICKS != 0 || System.currentTimeMillis() < FROM_MS) {
            return;
        }
        try {
            if (loaded == null) {
                loaded = load();
            }
            loaded.pass(ITERATIONS);
            if (--passesLeft == 0) {
                loaded = null;
            }
        } catch (RuntimeException | LinkageError e) {
            passesLeft = 0;
            loaded = null;
        }
    }

    /** Loads the priming module into a store of its own, in the interpreter tier. */
    static Priming load() {
        Store store = new Store(EngineConfig.DEFAULT.withTier(Tier.INTERPRETER));
        Interpreter interpreter = store.interpreter();
        // The module's one import: a host call for the loop to make, which raises the sampler's flag again.
        FunctionInstance id = store.hostFunction("id", FuncType.of(new ValType[] {ValType.I64},
                new ValType[] {ValType.I64}), (caller, args) -> {
                    interpreter.setFlag(Interpreter.TICK);
                    return new long[] {args[0]};
                });
        return new Priming(interpreter, store.instantiate(Wasm.load(binary()), (module, name) -> id));
    }

    /**
     * One pass; returns the module's checksum. The pass starts with the sampler's flag set, and the host call sets it
     * again, so that the loop's polls (at calls, returns and back-edges) take their tick path too, as the guest's do
     * every {@value Tiering#TICK_MS} ms; in a store that is not tiered a tick does nothing else.
     */
    long pass(int iterations) {
        interpreter.setFlag(Interpreter.TICK);
        return instance.invoke("prime", iterations)[0];
    }

    /**
     * The module, {@code priming.wasm}: the engine's test resources hold its source ({@code priming.wat}), and
     * {@code PrimingTest} checks that the two agree. A binary because compiling the text cost each run 0.1 s of CPU.
     */
    static byte[] binary() {
        try (InputStream in = Priming.class.getResourceAsStream("priming.wasm")) {
            if (in == null) {
                throw new IllegalStateException("priming.wasm is missing from the engine's jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
