package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.validate.CodeSink;
import dev.trapdoor.engine.validate.FunctionValidator;

import java.util.Map;
import java.util.WeakHashMap;

/**
 * Where a stopped frame may move its next instruction within its function ({@code Resume.gotoOffset}): to an
 * instruction in the same block as the current one (the same {@code block}, {@code loop} or {@code if} arm, so no
 * label changes meaning) where the operand stack is empty. No value is made up: the operands of the current
 * expression are dropped, as a branch drops them, and the locals and memory are what the program continues with.
 * Found by one validator walk per function, kept.
 */
final class GotoTargets {
    private static final Map<FunctionInstance, GotoTargets> CACHE = new WeakHashMap<>();

    /** Per instruction start (module offset): operand height, innermost block id, live. */
    private final Map<Integer, int[]> at = new java.util.HashMap<>();

    private GotoTargets(FunctionInstance fn) {
        int[] ids = new int[16];
        int[] depth = {0};
        int[] next = {1};
        boolean[] popAfter = {false};
        CodeSink sink = new CodeSink() {
            private int[] stack = ids;

            @Override
            public void instruction(int op, int moduleOffset, FunctionValidator v) {
                if (popAfter[0]) {
                    popAfter[0] = false;
                    depth[0] = Math.max(0, depth[0] - 1);
                }
                int block = depth[0] == 0 ? 0 : stack[depth[0] - 1];
                at.put(moduleOffset, new int[] {v.height(), block, v.live() ? 1 : 0});
                if (op == 0x02 || op == 0x03 || op == 0x04 || op == 0x1F || op == 0x06) {
                    if (depth[0] == stack.length) {
                        stack = java.util.Arrays.copyOf(stack, 2 * stack.length);
                    }
                    stack[depth[0]++] = next[0]++;
                } else if (op == 0x05 || op == 0x07 || op == 0x19) {
                    // else, catch, catch_all: a new arm of the same construct.
                    if (depth[0] > 0) {
                        stack[depth[0] - 1] = next[0]++;
                    }
                } else if (op == 0x0B) {
                    popAfter[0] = true;
                }
            }
        };
        new FunctionValidator(fn.instance.context(), sink).validate(fn.funcIndex,
                fn.instance.module.body(fn.funcIndex));
    }

    static GotoTargets of(FunctionInstance fn) {
        synchronized (CACHE) {
            return CACHE.computeIfAbsent(fn, GotoTargets::new);
        }
    }

    /** Null when the frame at {@code fromModuleOffset} may go to {@code toModuleOffset}, else why not. */
    String whyNot(int fromModuleOffset, int toModuleOffset) {
        int[] from = at.get(fromModuleOffset);
        int[] to = at.get(toModuleOffset);
        if (to == null) {
            return String.format("no instruction of this function starts at 0x%x", toModuleOffset);
        }
        if (to[2] == 0) {
            return String.format("the instruction at 0x%x is unreachable code", toModuleOffset);
        }
        if (from == null) {
            return "the current instruction is not one of this function's";
        }
        if (to[0] != 0) {
            return String.format("the operand stack would hold %d value%s at 0x%x: only instructions with an empty"
                    + " operand stack can be the next statement", to[0], to[0] == 1 ? "" : "s", toModuleOffset);
        }
        if (to[1] != from[1]) {
            return String.format("0x%x is in another block (loop, if or block) than the current instruction: the"
                    + " next statement can only move within the same block", toModuleOffset);
        }
        return null;
    }
}
