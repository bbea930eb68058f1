package dev.trapdoor.engine.validate;

import java.util.Arrays;

/**
 * The initialization rule of non-nullable locals (typed function references): such a local may be read only after a
 * {@code local.set} or {@code local.tee} in the same block or an enclosing one, since it has no default value. A
 * set inside a block is forgotten at the block's {@code end} (and at {@code else}): an undo list of the locals set,
 * and each frame's position in it.
 */
final class LocalInits {
    private boolean[] initialized = new boolean[0];
    private int[] undo = new int[8];
    private int height;

    /** A new function: parameters and defaultable locals are initialized; the others wait for a set. */
    void reset(int[] localTypes, int paramCount) {
        if (initialized.length < localTypes.length) {
            initialized = new boolean[localTypes.length];
        }
        for (int i = 0; i < localTypes.length; i++) {
            initialized[i] = i < paramCount || Types.isNum(localTypes[i])
                    || dev.trapdoor.engine.model.TypeCode.nullable(localTypes[i]);
        }
        height = 0;
    }

    int height() {
        return height;
    }

    void set(int local) {
        if (!initialized[local]) {
            initialized[local] = true;
            if (height == undo.length) {
                undo = Arrays.copyOf(undo, height * 2);
            }
            undo[height++] = local;
        }
    }

    void restore(int toHeight) {
        while (height > toHeight) {
            initialized[undo[--height]] = false;
        }
    }

    void checkRead(int local, FunctionValidator v) {
        if (!initialized[local]) {
            throw v.invalid("uninitialized local " + local);
        }
    }
}
