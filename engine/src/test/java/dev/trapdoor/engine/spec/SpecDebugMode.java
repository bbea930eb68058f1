package dev.trapdoor.engine.spec;

import dev.trapdoor.engine.debug.DebugEvent;
import dev.trapdoor.engine.debug.Resume;
import dev.trapdoor.engine.exec.Store;

/**
 * How the spec suite runs under the debugger. The suite must pass the same way whether or not a debugger is attached,
 * and whether the program runs freely or one instruction at a time.
 */
enum SpecDebugMode {
    /** No debugger at all. */
    NONE,
    /** A handler that continues on every event: entry events and trap events fire, frames are walked at traps. */
    CONTINUE,
    /** A handler that answers every event with a step into: every instruction of the suite runs on step code. */
    STEP,
    /**
     * A debugger attached and idle: no entry events, no breakpoints, a handler that reads every local and operand of
     * every frame at each trap. Compiled code stays in use, so traps in it reach the handler with captured frames.
     */
    IDLE;

    void attach(Store store) {
        switch (this) {
            case NONE -> {
            }
            case CONTINUE -> store.debugger().setHandler((event, frames) -> {
                if (event instanceof DebugEvent.Trap) {
                    // Reading every frame at a trap exercises the operand-type recomputation on real code.
                    frames.forEach(f -> {
                        for (int i = 0; i < f.stackHeight(); i++) {
                            f.stack(i);
                        }
                    });
                }
                return Resume.CONTINUE;
            });
            case STEP -> store.debugger().setHandler((event, frames) -> Resume.STEP_INTO);
            case IDLE -> {
                store.debugger().setEntryEvents(false);
                store.debugger().setHandler((event, frames) -> {
                    frames.forEach(f -> {
                        for (int i = 0; i < f.localCount(); i++) {
                            f.local(i);
                        }
                        for (int i = 0; i < f.stackHeight(); i++) {
                            f.stack(i);
                        }
                    });
                    return Resume.CONTINUE;
                });
            }
        }
    }
}
