package dev.trapdoor.engine.debug;

import dev.trapdoor.engine.error.WasmException;

/** The debug handler asked to terminate: the invocation ends with this exception instead of its results. */
public final class DebugTerminated extends WasmException {
    public DebugTerminated() {
        super("terminated by the debugger");
    }
}
