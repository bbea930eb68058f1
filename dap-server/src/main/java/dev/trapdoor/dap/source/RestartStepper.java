package dev.trapdoor.dap.source;

import dev.trapdoor.engine.debug.DebugFrame;
import dev.trapdoor.engine.debug.Resume;
import dev.trapdoor.engine.dwarf.SourceMap;

import java.util.List;

/**
 * A DAP {@code restartFrame}: the engine re-enters Wasm frame {@code wasmIndex} ({@link Resume#restartFrame}) and
 * stops at its first instruction; with line info the prologue runs too, as after a step in, so the stop (reason
 * {@code restart}) is on the function's first line with its parameters in place.
 */
public final class RestartStepper implements Stepper {
    private final SourceMap sourceMap;
    private final int wasmIndex;
    private Resume last;
    private int depth = -1;

    public RestartStepper(SourceMap sourceMap, int wasmIndex) {
        this.sourceMap = sourceMap;
        this.wasmIndex = wasmIndex;
    }

    @Override
    public Resume start(List<DebugFrame> frames) {
        return last = Resume.restartFrame(wasmIndex);
    }

    @Override
    public Resume onStep(List<DebugFrame> frames) {
        if (depth >= 0) {
            // Past the prologue, or returned from a function whose whole body was prologue.
            return null;
        }
        depth = frames.size();
        int pc = frames.get(0).moduleOffset();
        int end = sourceMap.afterPrologue(pc);
        if (end > pc) {
            return last = Resume.whileInRange(pc, end);
        }
        return null;
    }

    @Override
    public Resume again() {
        return last;
    }

    @Override
    public String reason() {
        return "restart";
    }
}
