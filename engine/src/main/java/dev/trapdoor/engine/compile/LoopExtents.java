package dev.trapdoor.engine.compile;

import dev.trapdoor.engine.validate.CodeSink;
import dev.trapdoor.engine.validate.FunctionValidator;

import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The Wasm byte length of every loop of a function, and the frame slots it touches, found by a validation pass before
 * translation: the chunking rule uses them to start a loop in a fresh chunk when it would not fit in what is left of
 * the current one, since a back-edge that crosses chunks leaves and re-enters compiled code on every iteration. The
 * slots matter as much as the code: each one a chunk touches costs it a fill and a spill in its epilogue.
 */
final class LoopExtents implements CodeSink {
    /** Open blocks, loops, ifs and trys: kind and module offset. */
    private final Deque<int[]> open = new ArrayDeque<>();
    /** Locals and the highest operand height seen in each open loop, innermost first. */
    private final Deque<BitSet> openLocals = new ArrayDeque<>();
    private final Deque<int[]> openHeights = new ArrayDeque<>();
    private final Map<Integer, Integer> lengths = new HashMap<>();
    private final Map<Integer, BitSet> locals = new HashMap<>();
    private final Map<Integer, Integer> heights = new HashMap<>();

    @Override
    public void instruction(int op, int moduleOffset, FunctionValidator v) {
        for (int[] h : openHeights) {
            h[0] = Math.max(h[0], v.height() + 1);
        }
        switch (op) {
            // A try's end (or a legacy try's delegate, which closes it with no end) must pop the try, not the
            // loop around it, or that loop's length is cut short and a later end closes the wrong block.
            case 0x02, 0x04, 0x06, 0x1F -> open.push(new int[]{op, moduleOffset});
            case 0x18 -> open.poll();
            case 0x03 -> {
                open.push(new int[]{op, moduleOffset});
                openLocals.push(new BitSet());
                openHeights.push(new int[]{v.height() + 1});
            }
            case 0x0B -> {
                int[] c = open.poll();
                if (c != null && c[0] == 0x03) {
                    lengths.put(c[1], moduleOffset + 1 - c[1]);
                    BitSet used = openLocals.pop();
                    locals.put(c[1], used);
                    heights.put(c[1], openHeights.pop()[0]);
                    if (!openLocals.isEmpty()) {
                        openLocals.peek().or(used);
                    }
                }
            }
            case 0x20, 0x21, 0x22 -> {
                if (!openLocals.isEmpty()) {
                    openLocals.peek().set(v.immA);
                }
            }
            default -> {
            }
        }
    }

    /** Locals the loop at {@code moduleOffset} reads or writes, or null if unknown. */
    BitSet locals(int moduleOffset) {
        return locals.get(moduleOffset);
    }

    /** The operand height the loop at {@code moduleOffset} reaches (one past its highest slot), or 0 if unknown. */
    int height(int moduleOffset) {
        return heights.getOrDefault(moduleOffset, 0);
    }

    /** Whether the function has a loop. */
    boolean any() {
        return !lengths.isEmpty();
    }

    /** Wasm bytes from the {@code loop} instruction at {@code moduleOffset} to its {@code end}, or 0 if unknown. */
    int length(int moduleOffset) {
        return lengths.getOrDefault(moduleOffset, 0);
    }
}
