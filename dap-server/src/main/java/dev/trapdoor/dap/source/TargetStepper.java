package dev.trapdoor.dap.source;

import dev.trapdoor.engine.debug.DebugFrame;
import dev.trapdoor.engine.debug.Resume;
import dev.trapdoor.engine.dwarf.OffsetRange;
import dev.trapdoor.engine.dwarf.SourceMap;

import java.util.List;

/**
 * A DAP {@code stepIn} with a {@code targetId}: runs the current line, stepping into calls; a call of another
 * function runs through (step out of it at once), the call of {@code targetFunc} stops in it after its prologue. When
 * the line ends without calling it, the step ends there, as a plain step in would.
 */
public final class TargetStepper implements Stepper {
    private final SourceMap sourceMap;
    private final int targetFunc;
    private int depth = -1;
    private List<OffsetRange> ranges = List.of();
    private boolean inTarget;
    private Resume last;

    public TargetStepper(SourceMap sourceMap, int targetFunc) {
        this.sourceMap = sourceMap;
        this.targetFunc = targetFunc;
    }

    @Override
    public Resume start(List<DebugFrame> frames) {
        depth = frames.size();
        int pc = frames.get(0).moduleOffset();
        ranges = sourceMap.lineRanges(pc);
        return last = overLine(pc);
    }

    private Resume overLine(int pc) {
        for (OffsetRange r : ranges) {
            if (r.contains(pc)) {
                return Resume.whileInRangeInto(r.startModuleOffset(), r.endModuleOffset());
            }
        }
        return null;
    }

    @Override
    public Resume onStep(List<DebugFrame> frames) {
        int now = frames.size();
        int pc = frames.get(0).moduleOffset();
        if (inTarget || now < depth) {
            return null;
        }
        if (now > depth) {
            if (frames.get(0).funcIndex() != targetFunc) {
                return last = Resume.STEP_OUT;
            }
            inTarget = true;
            int end = sourceMap.afterPrologue(pc);
            return end > pc ? (last = Resume.whileInRange(pc, end)) : null;
        }
        Resume r = overLine(pc);
        return r == null ? null : (last = r);
    }

    @Override
    public Resume again() {
        return last;
    }
}
