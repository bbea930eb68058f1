package dev.trapdoor.engine.compile;

import dev.trapdoor.engine.validate.CodeSink;
import dev.trapdoor.engine.validate.FunctionValidator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The Wasm byte length of every loop of a function, found by a validation pass before translation: the chunking rule
 * uses it to start a loop in a fresh chunk when it would not fit in what is left of the current one, since a
 * back-edge that crosses chunks leaves and re-enters compiled code on every iteration.
 */
final class LoopExtents implements CodeSink {
    private final Deque<int[]> open = new ArrayDeque<>();
    private final Map<Integer, Integer> lengths = new HashMap<>();

    @Override
    public void instruction(int op, int moduleOffset, FunctionValidator v) {
        DeclinedInstructions.check(op, moduleOffset);
        switch (op) {
            case 0x02, 0x03, 0x04 -> open.push(new int[]{op, moduleOffset});
            case 0x0B -> {
                int[] c = open.poll();
                if (c != null && c[0] == 0x03) {
                    lengths.put(c[1], moduleOffset + 1 - c[1]);
                }
            }
            default -> {
            }
        }
    }

    /** Wasm bytes from the {@code loop} instruction at {@code moduleOffset} to its {@code end}, or 0 if unknown. */
    int length(int moduleOffset) {
        return lengths.getOrDefault(moduleOffset, 0);
    }
}
