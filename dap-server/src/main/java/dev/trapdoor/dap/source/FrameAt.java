package dev.trapdoor.dap.source;

import dev.trapdoor.engine.debug.DebugFrame;
import dev.trapdoor.engine.debug.vars.FrameMachineState;
import dev.trapdoor.engine.dwarf.SourceMap;
import dev.trapdoor.engine.exec.Instance;

/**
 * Where source expressions are evaluated: a stopped Wasm frame, the inlined source frame inside it ({@code
 * inlineDepth} levels out from the code at the pc: 0 is the innermost inlined function, or the real function when
 * nothing is inlined there), and the program it belongs to. Valid while the frame is stopped.
 */
public record FrameAt(DebugFrame frame, int inlineDepth, Instance instance, SourceMap sourceMap) {
    public int pc() {
        return frame.moduleOffset();
    }

    /** The frame as DWARF locations read it. */
    public FrameMachineState machineState() {
        return new FrameMachineState(frame, instance);
    }
}
