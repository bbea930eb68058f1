package dev.trapdoor.engine.exec;

/**
 * The translator's record of the {@code I32_ADD_IMM} it emitted last. clang 14 rarely folds a constant into a load's
 * or store's offset (it cannot prove the addition does not wrap), so {@code base + K} followed by an access at
 * offset 0 is the commonest pair of instructions in optimized code. An access that consumes that sum right away
 * takes the addition over: the memory instructions carry {@code K} as an extra immediate and add it with i32
 * wrap-around before the unsigned offset, which is exactly the two Wasm instructions' semantics.
 */
final class PendingAddress {
    boolean valid;
    /** Where the addition's code starts and ends, and how many marks existed once it was marked. */
    int start;
    int end;
    int marks;
    /** The stack position holding the sum, and where the addition's destination operand is in the code. */
    int position;
    int dstPos;
    /** The addend read at run time (a local's or a slot's index) and the constant. */
    int base;
    int k;

    void set(int start, int end, int marks, int position, int dstPos, int base, int k) {
        this.valid = true;
        this.start = start;
        this.end = end;
        this.marks = marks;
        this.position = position;
        this.dstPos = dstPos;
        this.base = base;
        this.k = k;
    }

    void clear() {
        valid = false;
    }

    /** Whether an access reading its address from {@code position}, emitted at {@code pc}, can take the sum over. */
    boolean fusesWith(int position, int pc, int labelPc) {
        return valid && this.position == position && end == pc && labelPc != pc;
    }
}
