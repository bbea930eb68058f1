package dev.trapdoor.dap.source;

import dev.trapdoor.engine.debug.DebugFrame;
import dev.trapdoor.engine.debug.Resume;

import java.util.List;

/**
 * One user-level step (a DAP {@code next}, {@code stepIn} or {@code stepOut}) carried out as a series of engine
 * {@link Resume}s. Runs on the engine thread, inside the debug handler.
 */
public interface Stepper {
    /** The first resume, given the frames of the stop the step starts from. */
    Resume start(List<DebugFrame> frames);

    /** After an engine step event: the next resume, or {@code null} to stop here. */
    Resume onStep(List<DebugFrame> frames);

    /** What to resume with after an event that did not stop (a logpoint, a false condition) during this step. */
    Resume again();

    /**
     * Whether this moves the program without running it forward (back in a recording, or to another statement):
     * no host call is stepped over and no data breakpoint compares bytes on its way.
     */
    default boolean travels() {
        return false;
    }

    /** The {@code stopped} event's reason when this step ends. */
    default String reason() {
        return "step";
    }
}
