package dev.trapdoor.dap.source;

import dev.trapdoor.engine.debug.DebugFrame;
import dev.trapdoor.engine.debug.Resume;

import java.util.List;

/** A DAP {@code goto}: the engine moves the stopped frame to the target ({@link Resume#gotoOffset}) and stops. */
public final class GotoStepper implements Stepper {
    private final int moduleOffset;

    public GotoStepper(int moduleOffset) {
        this.moduleOffset = moduleOffset;
    }

    @Override
    public Resume start(List<DebugFrame> frames) {
        return Resume.gotoOffset(moduleOffset);
    }

    @Override
    public Resume onStep(List<DebugFrame> frames) {
        return null;
    }

    @Override
    public Resume again() {
        return Resume.CONTINUE;
    }

    @Override
    public String reason() {
        return "goto";
    }

    @Override
    public boolean travels() {
        return true;
    }
}
