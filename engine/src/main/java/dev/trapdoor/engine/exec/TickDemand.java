package dev.trapdoor.engine.exec;

/**
 * Whether one interpreter has anything for the tiered mode's sampler to look at: an outermost invocation runs and no
 * debugger holds it (stopped at an event, or stepping, where a tick does nothing). {@link Tiering} parks its sampler
 * while no interpreter wants ticks ({@link Tiering#PARK}); an interpreter that starts or resumes running wakes it.
 * Kept out of {@code Interpreter}, whose dispatch loop never reads it.
 */
final class TickDemand {
    /** The store is tiered: the sampler looks at this interpreter ({@link Tiering} is loaded). */
    private final boolean sampled;
    /** An outermost invocation runs. */
    private volatile boolean invoking;
    /** A debugger holds the program. */
    private volatile boolean held;

    TickDemand(boolean sampled) {
        this.sampled = sampled;
    }

    /**
     * An invocation starts; answers whether it is an outermost one of a sampled interpreter, which must then call
     * {@link #end}. A host function calling back into Wasm is not outermost: the outer invocation runs on.
     */
    boolean begin() {
        if (!sampled || invoking) {
            return false;
        }
        invoking = true;
        held = false;
        Tiering.wake();
        return true;
    }

    void end() {
        invoking = false;
    }

    boolean wanted() {
        return invoking && !held;
    }

    /** A debugger holds the program ({@code true}) or lets it run on; a program that runs on wakes the sampler. */
    void held(boolean on) {
        held = on;
        if (!on && sampled && invoking) {
            Tiering.wake();
        }
    }
}
