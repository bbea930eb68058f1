package dev.trapdoor.engine.exec;

/**
 * The translator's peephole fusions: an instruction whose result the very next one consumes is taken back and
 * emitted again as one fused instruction (see {@link Translator} for the records they rely on, and ARCHITECTURE for
 * the list). Also the immediate forms and the comparisons a branch may take over. Everything here reads and writes
 * the translator's state; it is a separate file only so each holds one concern.
 */
final class Fusions {
    private final Translator t;

    Fusions(Translator t) {
        this.t = t;
    }

    /** Integer arithmetic with a constant operand, as an immediate form; false when the operation has none. */
    boolean immediate(int op, int h) {
        boolean bConst = t.isConst(h - 1);
        boolean aConst = t.isConst(h - 2);
        if (bConst == aConst) {
            return false;
        }
        boolean commutative = switch (op) {
            case 0x6A, 0x6C, 0x71, 0x72, 0x73, 0x7C, 0x7E, 0x83, 0x84, 0x85, 0x92, 0x94, 0xA0, 0xA2 -> true;
            default -> false;
        };
        if (aConst && !commutative) {
            return false;
        }
        long value = t.aliases.constant(aConst ? h - 2 : h - 1);
        int immOp;
        boolean wide = false;
        switch (op) {
            case 0x6A -> immOp = Op.I32_ADD_IMM;
            case 0x6B -> {
                immOp = Op.I32_ADD_IMM;
                value = -(int) value;
            }
            case 0x6C -> immOp = Op.I32_MUL_IMM;
            // x - c is x + (-c) in IEEE 754; negating only flips the sign bit, so the constant stays exact.
            case 0x92 -> immOp = Op.F32_ADD_IMM;
            case 0x93 -> {
                immOp = Op.F32_ADD_IMM;
                value ^= 0x8000_0000L;
            }
            case 0x94 -> immOp = Op.F32_MUL_IMM;
            case 0xA0 -> {
                immOp = Op.F64_ADD_IMM;
                wide = true;
            }
            case 0xA1 -> {
                immOp = Op.F64_ADD_IMM;
                value ^= Long.MIN_VALUE;
                wide = true;
            }
            case 0xA2 -> {
                immOp = Op.F64_MUL_IMM;
                wide = true;
            }
            case 0x71 -> immOp = Op.I32_AND_IMM;
            case 0x72 -> immOp = Op.I32_OR_IMM;
            case 0x73 -> immOp = Op.I32_XOR_IMM;
            case 0x74 -> immOp = Op.I32_SHL_IMM;
            case 0x75 -> immOp = Op.I32_SHR_S_IMM;
            case 0x76 -> immOp = Op.I32_SHR_U_IMM;
            case 0x77 -> immOp = Op.I32_ROTL_IMM;
            case 0x7C -> {
                immOp = Op.I64_ADD_IMM;
                wide = true;
            }
            case 0x7D -> {
                immOp = Op.I64_ADD_IMM;
                value = -value;
                wide = true;
            }
            case 0x7E -> {
                immOp = Op.I64_MUL_IMM;
                wide = true;
            }
            case 0x83 -> {
                immOp = Op.I64_AND_IMM;
                wide = true;
            }
            case 0x84 -> {
                immOp = Op.I64_OR_IMM;
                wide = true;
            }
            case 0x85 -> {
                immOp = Op.I64_XOR_IMM;
                wide = true;
            }
            // Wasm takes i64 shift counts modulo 64, as Java does; the low bits suffice.
            case 0x86 -> immOp = Op.I64_SHL_IMM;
            case 0x87 -> immOp = Op.I64_SHR_S_IMM;
            case 0x88 -> immOp = Op.I64_SHR_U_IMM;
            case 0x89 -> immOp = Op.I64_ROTL_IMM;
            default -> {
                return false;
            }
        }
        int other = aConst ? h - 1 : h - 2;
        t.aliases.clear(aConst ? h - 2 : h - 1);
        if (wide) {
            t.emit(immOp, t.slot(h - 2), t.operand(other), (int) value, (int) (value >>> 32));
            t.produced(h - 2, t.code.size() - 4);
        } else {
            int start = t.code.size();
            t.emit(immOp, t.slot(h - 2), t.operand(other), (int) value);
            t.produced(h - 2, t.code.size() - 3);
            if (immOp == Op.I32_SHR_U_IMM || immOp == Op.I64_SHR_U_IMM) {
                t.shifted.set(immOp, start, t.code.size(), t.mapPc.size(), h - 2, t.code.size() - 3,
                        t.code.get(t.code.size() - 2), (int) value);
            }
            if (immOp == Op.I32_SHL_IMM) {
                t.shiftStart = start;
                t.shiftMarks = t.mapPc.size();
            }
            if (immOp == Op.I32_ADD_IMM) {
                t.addr.set(immOp, start, t.code.size(), t.mapPc.size(), h - 2, t.code.size() - 3,
                        t.code.get(t.code.size() - 2), (int) value);
                t.stepStart = start;
            }
        }
        return true;
    }

    /** Emits an i32 comparison (or eqz) into its slot, remembering it so a branch right after can fuse with it. */
    void compare(int op, int h) {
        int start = t.code.size();
        int marks = t.mapPc.size();
        if (op == 0x45) {
            boolean fusable = !t.isConst(h - 1);
            int a = fusable ? t.operand(h - 1) : 0;
            t.emit(op, t.slot(h - 1), t.operand(h - 1));
            t.produced(h - 1, t.code.size() - 2);
            t.cmp.set(fusable, start, t.code.size(), marks, h - 1, PendingCompare.EQZ, a, 0, true);
            t.cmp.dstPos = t.code.size() - 2;
            return;
        }
        int k = op - 0x46;
        boolean aConst = t.isConst(h - 2);
        boolean bConst = t.isConst(h - 1);
        boolean fusable = !(aConst && bConst);
        int fa = 0;
        int fb = 0;
        boolean imm = false;
        if (bConst && !aConst) {
            fa = t.operand(h - 2);
            fb = (int) t.aliases.constant(h - 1);
            imm = true;
        } else if (aConst && !bConst) {
            k = Op.mirror(k);
            fa = t.operand(h - 1);
            fb = (int) t.aliases.constant(h - 2);
            imm = true;
        } else if (fusable) {
            fa = t.operand(h - 2);
            fb = t.operand(h - 1);
        }
        t.emit(op, t.slot(h - 2), t.operand(h - 2), t.operand(h - 1));
        t.produced(h - 2, t.code.size() - 3);
        t.cmp.set(fusable, start, t.code.size(), marks, h - 2, k, fa, fb, imm);
        t.cmp.dstPos = t.code.size() - 3;
    }

    /**
     * Whether the branch consuming stack position {@code i} can take the pending comparison over: the position must
     * still hold the comparison's result in its slot (a {@code local.tee} or a {@code drop} followed by a push
     * would have made it something else without emitting code).
     */
    boolean fusable(int i) {
        return t.cmp.fusesWith(i, t.code.size(), t.labelPc) && t.aliases.get(i) == OperandAliases.NONE
                && t.code.get(t.cmp.dstPos) == t.slot(i);
    }

    /**
     * Whether the access reading its address from position {@code i} can take the pending addition over: the
     * position must still hold the sum in its slot (not retargeted to a local by {@code local.tee}).
     */
    boolean addressFolds(int i) {
        return t.addr.at(t.code.size(), t.labelPc) && t.addr.position == i && t.aliases.get(i) == OperandAliases.NONE
                && t.code.get(t.addr.dstPos) == t.slot(i);
    }

    /**
     * Whether the store at height h can take the pending addition over as its address. Not when the value to store
     * is a constant and the sum's base is the value's own slot ({@code (i32.add (i32.const C) (i32.load ...))}: the
     * load's result sits one position above the sum): writing the constant into that slot, after the addition is
     * taken back, would overwrite the base the store still has to read.
     */
    boolean storeAddressFolds(int h) {
        return addressFolds(h - 2) && !(t.isConst(h - 1) && t.addr.x == t.slot(h - 1));
    }

    /**
     * Removes the pending addition's code and re-marks its start for the access taking it over, so a trap there
     * reports the access's offset and the debugger still sees the sum as the address operand. Returns K.
     */
    int takeBackAddress(int moduleOffset, int h) {
        truncate(t.addr.start);
        keepMarks(t.addr.marks);
        t.addr.clear();
        int position = t.addr.position;
        t.aliases.setSum(position, t.addr.x, t.addr.y);
        t.mark(moduleOffset, h);
        t.aliases.clear(position);
        t.retargetPos = -1;
        return t.addr.y;
    }

    /**
     * {@code c + x * y} (either order) or {@code c - x * y} right after the multiplication: replaces both with one
     * multiply-add. The product must still be in its slot and c a local or a slot (materializing a constant now could
     * overwrite the multiplication's operands). Returns false when the pattern does not apply.
     */
    boolean multiplyAdd(int op, int h) {
        boolean f64 = op == 0xA0 || op == 0xA1;
        if (!(f64 || op == 0x92 || op == 0x93) || !t.product.at(t.code.size(), t.labelPc)
                || t.code.get(t.product.start) != (f64 ? 0xA2 : 0x94)) {
            return false;
        }
        boolean add = op == 0xA0 || op == 0x92;
        int p = t.product.position;
        int c = p == h - 1 ? h - 2 : add && p == h - 2 ? h - 1 : -1;
        if (c < 0 || t.isConst(c) || t.aliases.get(p) != OperandAliases.NONE
                || t.code.get(t.product.dstPos) != t.slot(p)) {
            return false;
        }
        int x = t.product.x;
        int y = t.product.y;
        truncate(t.product.start);
        keepMarks(t.product.marks);
        t.product.clear();
        int fused = f64 ? (add ? Op.F64_MUL_ADD : Op.F64_MUL_SUB) : (add ? Op.F32_MUL_ADD : Op.F32_MUL_SUB);
        t.emit(fused, t.slot(h - 2), x, y, t.operand(c));
        t.produced(h - 2, t.code.size() - 4);
        return true;
    }

    /** Drops the marks after the first {@code count}: they pointed into code that was taken back. */
    void keepMarks(int count) {
        while (t.mapPc.size() > count) {
            t.mapPc.truncate(t.mapPc.size() - 1);
            t.mapOffset.truncate(t.mapOffset.size() - 1);
            t.markAliases.remove(t.markAliases.size() - 1);
        }
    }

    /**
     * f32.add, f64.add, f64.mul (either operand) or f64.sub (second operand) of a value loaded right before: replaces
     * the load and the arithmetic with one instruction that reads its operand from memory. A trap there is the load's
     * (the fused instruction keeps the load's mark). The other operand must not be a constant, whose materializing
     * now could overwrite the load's address.
     */
    boolean memoryOperand(int op, int h) {
        int fused = switch (op) {
            case 0x92 -> Op.F32_ADD_LOAD;
            case 0xA0 -> Op.F64_ADD_LOAD;
            case 0xA1 -> Op.F64_SUB_LOAD;
            case 0xA2 -> Op.F64_MUL_LOAD;
            default -> -1;
        };
        if (fused < 0 || !t.loaded.at(t.code.size(), t.labelPc) || t.loaded.op != (op == 0x92 ? 0x2A : 0x2B)) {
            return false;
        }
        int p = t.loaded.position;
        int other = p == h - 1 ? h - 2 : op != 0xA1 && p == h - 2 ? h - 1 : -1;
        if (other < 0 || t.isConst(other) || t.aliases.get(p) != OperandAliases.NONE
                || t.code.get(t.loaded.dstPos) != t.slot(p)) {
            return false;
        }
        int x = t.code.get(t.loaded.start + 2);
        int offset = t.code.get(t.loaded.start + 3);
        int k = t.code.get(t.loaded.start + 4);
        int marks = t.loaded.marks;
        truncate(t.loaded.start);
        keepMarks(marks);
        t.emit(fused, t.slot(h - 2), t.operand(other), x, offset, k);
        t.produced(h - 2, t.code.size() - 5);
        return true;
    }

    /**
     * {@code c ^ (a >>> k)} right after the shift (either operand order): the mixing step of xorshift, murmur and
     * splitmix hashes, and of CRC loops, as one instruction. c must not be a constant (see {@link #memoryOperand}).
     */
    boolean xorShift(int op, int h) {
        if (!(op == 0x85 || op == 0x73) || !t.shifted.at(t.code.size(), t.labelPc)
                || (op == 0x85 && t.shifted.op != Op.I64_SHR_U_IMM)) {
            return false;
        }
        // An i32 xor of an i64 shifted right (clang's (uint32_t) (r >> 32) ^ c) xors all 64 bits: its i32 consumers
        // read only the low 32, which are the same.
        boolean wide = t.shifted.op == Op.I64_SHR_U_IMM;
        int p = t.shifted.position;
        int other = p == h - 1 ? h - 2 : p == h - 2 ? h - 1 : -1;
        if (other < 0 || t.isConst(other) || t.aliases.get(p) != OperandAliases.NONE
                || t.code.get(t.shifted.dstPos) != t.slot(p)) {
            return false;
        }
        int a = t.shifted.x;
        int k = t.shifted.y;
        int marks = t.shifted.marks;
        truncate(t.shifted.start);
        keepMarks(marks);
        int start = t.code.size();
        t.emit(wide ? Op.I64_XOR_SHR_U : Op.I32_XOR_SHR_U, t.slot(h - 2), t.operand(other), a, k);
        t.produced(h - 2, t.code.size() - 4);
        if (op == 0x85) {
            t.mixed.set(Op.I64_XOR_SHR_U, start, t.code.size(), t.mapPc.size(), h - 2, t.code.size() - 4, 0, 0);
        }
        return true;
    }

    /**
     * An i64 multiplication by a constant of the xor-shift right before it, {@code (c ^ (a >>> k)) * K}: the
     * mixing round of splitmix64, murmur3's fmix64 and xxhash, as one instruction. The product's other operand must
     * be the constant, so nothing is materialized between the two.
     */
    boolean mixMultiply(int op, int h) {
        if (op != 0x7E || !t.mixed.at(t.code.size(), t.labelPc) || t.isConst(h - 2) == t.isConst(h - 1)) {
            return false;
        }
        int p = t.isConst(h - 1) ? h - 2 : h - 1;
        if (t.mixed.position != p || t.aliases.get(p) != OperandAliases.NONE
                || t.code.get(t.mixed.dstPos) != t.slot(p)) {
            return false;
        }
        long factor = t.aliases.constant(p == h - 2 ? h - 1 : h - 2);
        t.aliases.clear(p == h - 2 ? h - 1 : h - 2);
        int c = t.code.get(t.mixed.start + 2);
        int a = t.code.get(t.mixed.start + 3);
        int k = t.code.get(t.mixed.start + 4);
        int marks = t.mixed.marks;
        truncate(t.mixed.start);
        keepMarks(marks);
        t.emit(Op.I64_XOR_SHR_U_MUL, t.slot(h - 2), c, a, k, (int) factor, (int) (factor >>> 32));
        t.produced(h - 2, t.code.size() - 6);
        return true;
    }

    /**
     * Takes code back to {@code pc}. Every record of an instruction at or after pc is forgotten, so no later fusion
     * mistakes what is emitted there next for it.
     */
    void truncate(int pc) {
        t.code.truncate(pc);
        if (t.shiftStart >= pc) {
            t.shiftStart = -1;
        }
        if (t.stepStart >= pc) {
            t.stepStart = -1;
        }
        if (t.addr.valid && t.addr.start >= pc) {
            t.addr.clear();
        }
        if (t.product.valid && t.product.start >= pc) {
            t.product.clear();
        }
        if (t.loaded.valid && t.loaded.start >= pc) {
            t.loaded.clear();
        }
        if (t.shifted.valid && t.shifted.start >= pc) {
            t.shifted.clear();
        }
        if (t.mixed.valid && t.mixed.start >= pc) {
            t.mixed.clear();
        }
        if (t.cmp.valid && t.cmp.start >= pc) {
            t.cmp.clear();
        }
    }

    /**
     * Whether the load reading its address from position i can take over the {@code I32_SHL_IMM} just before it:
     * the shift wrote that position's own slot (not a local) and no branch target lies in between.
     */
    boolean shiftFolds(int i) {
        return t.shiftStart >= 0 && t.shiftStart + 4 == t.code.size() && t.code.get(t.shiftStart) == Op.I32_SHL_IMM
                && t.code.get(t.shiftStart + 1) == t.slot(i) && t.aliases.get(i) == OperandAliases.NONE
                && t.labelPc != t.code.size();
    }

    /**
     * Whether the pending {@code base + K} (which the access takes over) adds to the result of an {@code I32_SHL_IMM}
     * emitted right before it into an operand slot, with no branch target between them.
     */
    boolean shiftBelowSum() {
        return t.shiftStart >= 0 && t.shiftStart + 4 == t.addr.start && t.code.get(t.shiftStart) == Op.I32_SHL_IMM
                && t.code.get(t.shiftStart + 1) == t.addr.x && t.addr.x >= t.slot(0) && t.labelPc != t.addr.start;
    }

    /** Removes the shift (and the sum on it) and re-marks for the load, as {@link #takeBackAddress} does for a sum. */
    void takeBackShift(int moduleOffset, int h, int base, int k, int addend) {
        truncate(t.shiftStart);
        keepMarks(t.shiftMarks);
        t.aliases.setShift(h - 1, base, k, addend);
        t.mark(moduleOffset, h);
        t.aliases.clear(h - 1);
        t.retargetPos = -1;
    }

    /**
     * Whether the instruction just before the current pc is an {@code I32_ADD_IMM} writing {@code x} (a local or a
     * slot) with no branch target in between, so a branch testing x can take the addition over.
     */
    boolean stepFolds(int x) {
        return t.stepStart >= 0 && t.stepStart + 4 == t.code.size() && t.code.get(t.stepStart) == Op.I32_ADD_IMM
                && t.code.get(t.stepStart + 1) == x && t.labelPc != t.code.size();
    }

    /**
     * Replaces the addition before the current pc with one instruction that adds and then branches on comparison k
     * against b. Marks inside the addition's place go: the fused instruction reports the addition's offset.
     */
    void stepAndBranch(int k, int b, boolean imm) {
        int dst = t.code.get(t.stepStart + 1);
        int a = t.code.get(t.stepStart + 2);
        int step = t.code.get(t.stepStart + 3);
        int start = t.stepStart;
        truncate(start);
        int keep = t.mapPc.size();
        while (keep > 0 && t.mapPc.get(keep - 1) > start) {
            keep--;
        }
        keepMarks(keep);
        t.emit(imm ? Op.INC_BR_CMP_IMM : Op.INC_BR_CMP, dst, a, step, k, b, 0);
    }

    /**
     * Removes the pending comparison's code so a fused branch can replace it. The comparison's own mark (at its
     * start) stays, so the fused branch reports the comparison's offset; later marks pointed into removed code.
     */
    void takeBackCompare() {
        truncate(t.cmp.start);
        keepMarks(t.cmp.marks);
        t.cmp.clear();
    }

    /** {@code if} on a comparison just emitted: branch to the else arm when the comparison is false. */
    void fuseIntoIf(int h, Translator.Label l) {
        int fused = t.cmp.fusedOp(true);
        int a = t.cmp.a;
        int b = t.cmp.b;
        takeBackCompare();
        t.maxHeight = Math.max(t.maxHeight, h + 1);
        t.materializeAll(h);
        t.emit(fused, a, b, 0);
        l.elsePatch = t.code.size() - 1;
    }
}
