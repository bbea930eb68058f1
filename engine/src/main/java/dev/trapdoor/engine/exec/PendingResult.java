package dev.trapdoor.engine.exec;

/**
 * The translator's record of an instruction it emitted last whose result the next instruction may take over:
 * {@code base + K} (a load or store consuming the sum as its address adds K itself, with i32 wrap-around before the
 * unsigned offset, exactly the two Wasm instructions' semantics: clang 14 rarely folds a constant into an access's
 * offset, since it cannot prove the addition does not wrap), a float multiplication (an add or subtract consuming the
 * product becomes a multiply-add, rounding twice like the two Wasm instructions; Java does not fuse
 * {@code c + a * b}), a float load (an add, subtract or multiply consuming the loaded value reads it from memory
 * itself), or {@code a >>> k} (an xor consuming it). x and y are the instruction's operands: base and K, the two
 * factors, or the shifted operand and k.
 */
final class PendingResult {
    boolean valid;
    int op;
    int start;
    int end;
    int marks;
    /** Stack position holding the result, and where the instruction's destination operand is in the code. */
    int position;
    int dstPos;
    int x;
    int y;

    void set(int op, int start, int end, int marks, int position, int dstPos, int x, int y) {
        this.valid = true;
        this.op = op;
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
