package dev.trapdoor.engine.exec;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The tiered mode's trigger: each interpreted call counts down a function's {@code hotness}; at zero the function is
 * queued for compilation on a background thread, so the guest never waits for the compiler, and its later calls
 * (from the interpreter and from compiled callers alike) run the compiled code once it is installed.
 */
final class Tiering {
    private Tiering() {
    }

    private static final ExecutorService COMPILER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "trapdoor compiler");
        t.setDaemon(true);
        return t;
    });

    /** The hotness a new function starts with under {@code config}. */
    static int initialHotness(EngineConfig config) {
        return config.tier() == Tier.TIERED ? Math.max(1, config.tierUpThreshold()) : 0;
    }

    /** {@code f}'s countdown reached zero. */
    static void hot(FunctionInstance f) {
        if (f.store.config.tier() != Tier.TIERED || f.jitRequested || f.store.jitDisabled()) {
            return;
        }
        f.jitRequested = true;
        COMPILER.execute(() -> JitInstaller.install(f));
    }
}
