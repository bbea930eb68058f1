package dev.trapdoor.engine.testing;

import dev.trapdoor.engine.debug.DebugEvent;
import dev.trapdoor.engine.debug.DebugFrame;
import dev.trapdoor.engine.debug.Resume;
import dev.trapdoor.engine.exec.Debugger;

import java.util.ArrayList;
import java.util.List;

/**
 * What a debug handler saw of one frame at a stop: where it was and every value it held. Tier-parity tests compare
 * lists of these between the interpreter and compiled code.
 */
public record SeenFrame(int funcIndex, int moduleOffset, List<Long> locals, List<Long> operands) {
    public static SeenFrame of(DebugFrame f) {
        List<Long> locals = new ArrayList<>();
        for (int i = 0; i < f.localCount(); i++) {
            locals.add(f.local(i));
        }
        List<Long> operands = new ArrayList<>();
        for (int i = 0; i < f.stackHeight(); i++) {
            operands.add(f.stack(i));
        }
        return new SeenFrame(f.funcIndex(), f.moduleOffset(), locals, operands);
    }

    /**
     * Makes {@code debugger} (no entry stops) add every frame of every trap it sees to the list returned, innermost
     * first, and go on.
     */
    public static List<SeenFrame> atTraps(Debugger debugger) {
        List<SeenFrame> seen = new ArrayList<>();
        debugger.setEntryEvents(false);
        debugger.setHandler((event, frames) -> {
            if (event instanceof DebugEvent.Trap) {
                frames.forEach(f -> seen.add(SeenFrame.of(f)));
            }
            return Resume.CONTINUE;
        });
        return seen;
    }
}
