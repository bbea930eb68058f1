package dev.trapdoor.engine.debug;

import java.util.List;

/**
 * Receives debug events on the thread running Wasm code, while the program is stopped. The frames (innermost first)
 * are valid until this method returns; the returned {@link Resume} says how to go on.
 */
@FunctionalInterface
public interface DebugHandler {
    Resume onEvent(DebugEvent event, List<DebugFrame> frames);
}
