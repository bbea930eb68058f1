package dev.trapdoor.dap.adapt;

import dev.trapdoor.engine.debug.DebugFrame;
import dev.trapdoor.engine.exec.Instance;

/**
 * What a Wasm-level expression can see: a stopped frame (or {@code null} when the program is not stopped, so only
 * globals and memory are available) and the instance.
 */
public record EvalContext(DebugFrame frame, Instance instance) {
    DebugFrame requireFrame(String what) {
        if (frame == null) {
            throw new EvalException(what + " needs a stopped frame");
        }
        return frame;
    }
}
