package dev.trapdoor.engine.testing;

/**
 * Runs a test body on a thread whose JVM stack holds the engine's whole call depth, as a guest thread's does (a JUnit
 * worker's default stack overflows first), and rethrows what the body threw there.
 */
public final class DeepThread {
    private DeepThread() {
    }

    public static void run(Runnable body) throws Throwable {
        Throwable[] failed = new Throwable[1];
        Thread deep = new Thread(null, () -> {
            try {
                body.run();
            } catch (Throwable t) {
                failed[0] = t;
            }
        }, "deep", 1L << 30);
        deep.start();
        deep.join();
        if (failed[0] != null) {
            throw failed[0];
        }
    }
}
