package dev.trapdoor.engine.exec;

/**
 * The translator's record of the float multiplication it emitted last. An add or subtract that consumes the product
 * right away takes it over as one multiply-add instruction, which rounds twice exactly like the two Wasm
 * instructions (Java does not fuse {@code c + a * b}).
 */
final class PendingProduct {
    boolean valid;
    int start;
    int end;
    int marks;
    /** Stack position holding the product, and where the multiplication's destination operand is in the code. */
    int position;
    int dstPos;
    int x;
    int y;

    void set(int start, int end, int marks, int position, int dstPos, int x, int y) {
        this.valid = true;
        this.start = start;
        this.end = end;
        this.marks = marks;
        this.position = position;
        this.dstPos = dstPos;
        this.x = x;
        this.y = y;
    }

    void clear() {
        valid = false;
    }

    boolean at(int pc, int labelPc) {
        return valid && end == pc && labelPc != pc;
    }
}
