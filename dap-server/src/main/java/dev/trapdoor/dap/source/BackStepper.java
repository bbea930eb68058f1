package dev.trapdoor.dap.source;

import dev.trapdoor.engine.debug.DebugFrame;
import dev.trapdoor.engine.debug.Resume;

import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A DAP {@code stepBack} or {@code reverseContinue}: one engine resume that goes back in the recording
 * ({@link Resume#STEP_BACK}, {@link Resume#STEP_BACK_INSTRUCTION}, {@link Resume#REVERSE_CONTINUE}); the engine
 * lands with a step event, or a breakpoint event on a breakpoint. A breakpoint whose condition does not hold sends
 * the reverse continue further back ({@link #again}).
 */
public final class BackStepper implements Stepper {
    private final Resume resume;
    private final BooleanSupplier landedOnWatch;

    /** @param landedOnWatch after a reverse continue's landing: whether a data breakpoint's change stopped it */
    public BackStepper(Resume resume, BooleanSupplier landedOnWatch) {
        if (!resume.goesBack()) {
            throw new IllegalArgumentException(resume + " does not go back");
        }
        this.resume = resume;
        this.landedOnWatch = landedOnWatch;
    }

    @Override
    public Resume start(List<DebugFrame> frames) {
        return resume;
    }

    @Override
    public Resume onStep(List<DebugFrame> frames) {
        return null;
    }

    @Override
    public Resume again() {
        return resume;
    }

    @Override
    public boolean travels() {
        return true;
    }

    @Override
    public String reason() {
        return resume.kind() == Resume.Kind.REVERSE_CONTINUE && landedOnWatch.getAsBoolean() ? "data breakpoint"
                : "step";
    }
}
