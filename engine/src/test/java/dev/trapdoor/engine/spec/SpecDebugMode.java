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
    STEP;

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
        }
    }
}
