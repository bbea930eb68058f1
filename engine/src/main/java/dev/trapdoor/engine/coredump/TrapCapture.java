package dev.trapdoor.engine.coredump;

import dev.trapdoor.engine.debug.DebugEvent;
import dev.trapdoor.engine.debug.DebugFrame;
import dev.trapdoor.engine.debug.DebugHandler;
import dev.trapdoor.engine.debug.Resume;
import dev.trapdoor.engine.exec.Instance;

import java.util.List;

/**
 * A debug handler that only takes a coredump at the first trap and lets the program go on (and unwind). Installing
 * any handler keeps the store in the interpreter, so a run that asks for coredumps does not use the compiled tier.
 */
public final class TrapCapture implements DebugHandler {
    private final String processName;
    private volatile Instance instance;
    private volatile Coredump dump;

    public TrapCapture(String processName) {
        this.processName = processName;
    }

    /** The instance the dump is of; traps before it is set (in a start function) are not captured. */
    public void instance(Instance instance) {
        this.instance = instance;
    }

    @Override
    public Resume onEvent(DebugEvent event, List<DebugFrame> frames) {
        Instance in = instance;
        if (event instanceof DebugEvent.Trap trap && dump == null && in != null && !frames.isEmpty()) {
            dump = CoredumpCapture.capture(processName, in, trap, frames);
        }
        return Resume.CONTINUE;
    }

    /** The coredump of the first trap, or {@code null}. */
    public Coredump dump() {
        return dump;
    }
}
