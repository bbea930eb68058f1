package dev.trapdoor.engine.testing;

import dev.trapdoor.engine.debug.DebugFrame;

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
}
