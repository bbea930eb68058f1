package dev.trapdoor.engine.exec;

/**
 * The translator's record of the i32 comparison it emitted last: where its code starts and ends, where its operands
 * are (frame slots, or a constant), and which stack position holds its result. A branch that consumes that result
 * right away, with nothing emitted in between and no label at the current pc, replaces it with one fused instruction.
 */
final class PendingCompare {
    /** The comparison index used for {@code i32.eqz}: "equal to the constant 0". */
    static final int EQZ = -1;

    boolean valid;
    int start;
    int end;
    int marks;
    int position;
    /** Where the comparison's destination operand is in the code (a local.tee may have retargeted it). */
    int dstPos;
    int k;
    int a;
    int b;
    boolean imm;

    void set(boolean valid, int start, int end, int marks, int position, int k, int a, int b, boolean imm) {
        this.valid = valid;
        this.start = start;
        this.end = end;
        this.marks = marks;
        this.position = position;
        this.k = k == EQZ ? 0 : k;
        this.a = a;
        this.b = k == EQZ ? 0 : b;
        this.imm = imm;
    }

    void clear() {
        valid = false;
    }

    /** Whether a branch on stack position {@code position}, emitted at {@code pc}, can take this comparison over. */
    boolean fusesWith(int position, int pc, int labelPc) {
        return valid && this.position == position && end == pc && labelPc != pc;
    }

    /** The fused branch: taken when the comparison holds, or (for {@code if}'s jump to else) when it does not. */
    int fusedOp(boolean whenFalse) {
        int kk = whenFalse ? Op.negate(k) : k;
        return (imm ? Op.BR_CMP_IMM : Op.BR_CMP) + kk;
    }
}
