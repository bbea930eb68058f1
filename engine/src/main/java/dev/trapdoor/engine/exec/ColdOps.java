package dev.trapdoor.engine.exec;

/**
 * Integer and comparison instructions that optimized C rarely puts in a hot loop: i64 and f64 comparisons into a
 * value, division and remainder, shifts and rotations by a variable amount, i64 left and signed-right shifts and
 * rotations by a constant, i64 and/xor with a constant. Outside {@link Interpreter#run} they keep
 * the dispatch switch small, which C2 compiles into faster code (fewer cases, fewer values live across the loop).
 * {@link #exec} returns the pc of the next instruction.
 */
final class ColdOps {
    private ColdOps() {
    }

    static int exec(int op, long[] s, int[] code, int fp, int pc) {
        switch (op) {
            case 0x53:
                s[fp + code[pc + 1]] = s[fp + code[pc + 2]] < s[fp + code[pc + 3]] ? 1L : 0L;
                return pc + 4;
            case 0x54:
                s[fp + code[pc + 1]] = Long.compareUnsigned(s[fp + code[pc + 2]], s[fp + code[pc + 3]]) < 0 ? 1L : 0L;
                return pc + 4;
            case 0x55:
                s[fp + code[pc + 1]] = s[fp + code[pc + 2]] > s[fp + code[pc + 3]] ? 1L : 0L;
                return pc + 4;
            case 0x56:
                s[fp + code[pc + 1]] = Long.compareUnsigned(s[fp + code[pc + 2]], s[fp + code[pc + 3]]) > 0 ? 1L : 0L;
                return pc + 4;
            case 0x57:
                s[fp + code[pc + 1]] = s[fp + code[pc + 2]] <= s[fp + code[pc + 3]] ? 1L : 0L;
                return pc + 4;
            case 0x58:
                s[fp + code[pc + 1]] = Long.compareUnsigned(s[fp + code[pc + 2]], s[fp + code[pc + 3]]) <= 0 ? 1L : 0L;
                return pc + 4;
            case 0x59:
                s[fp + code[pc + 1]] = s[fp + code[pc + 2]] >= s[fp + code[pc + 3]] ? 1L : 0L;
                return pc + 4;
            case 0x5A:
                s[fp + code[pc + 1]] = Long.compareUnsigned(s[fp + code[pc + 2]], s[fp + code[pc + 3]]) >= 0 ? 1L : 0L;
                return pc + 4;
            case 0x61:
                s[fp + code[pc + 1]] = Double.longBitsToDouble(s[fp + code[pc + 2]]) == Double.longBitsToDouble(s[fp + code[pc + 3]]) ? 1L : 0L;
                return pc + 4;
            case 0x62:
                s[fp + code[pc + 1]] = Double.longBitsToDouble(s[fp + code[pc + 2]]) != Double.longBitsToDouble(s[fp + code[pc + 3]]) ? 1L : 0L;
                return pc + 4;
            case 0x63:
                s[fp + code[pc + 1]] = Double.longBitsToDouble(s[fp + code[pc + 2]]) < Double.longBitsToDouble(s[fp + code[pc + 3]]) ? 1L : 0L;
                return pc + 4;
            case 0x64:
                s[fp + code[pc + 1]] = Double.longBitsToDouble(s[fp + code[pc + 2]]) > Double.longBitsToDouble(s[fp + code[pc + 3]]) ? 1L : 0L;
                return pc + 4;
            case 0x65:
                s[fp + code[pc + 1]] = Double.longBitsToDouble(s[fp + code[pc + 2]]) <= Double.longBitsToDouble(s[fp + code[pc + 3]]) ? 1L : 0L;
                return pc + 4;
            case 0x66:
                s[fp + code[pc + 1]] = Double.longBitsToDouble(s[fp + code[pc + 2]]) >= Double.longBitsToDouble(s[fp + code[pc + 3]]) ? 1L : 0L;
                return pc + 4;
            case 0x6D:
                s[fp + code[pc + 1]] = Arith.i32DivS((int) s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]);
                return pc + 4;
            case 0x6E:
                s[fp + code[pc + 1]] = Arith.i32DivU((int) s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]);
                return pc + 4;
            case 0x6F:
                s[fp + code[pc + 1]] = Arith.i32RemS((int) s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]);
                return pc + 4;
            case 0x70:
                s[fp + code[pc + 1]] = Arith.i32RemU((int) s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]);
                return pc + 4;
            case 0x77:
                s[fp + code[pc + 1]] = Integer.rotateLeft((int) s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]);
                return pc + 4;
            case 0x78:
                s[fp + code[pc + 1]] = Integer.rotateRight((int) s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]);
                return pc + 4;
            case 0x7F:
                s[fp + code[pc + 1]] = Arith.i64DivS(s[fp + code[pc + 2]], s[fp + code[pc + 3]]);
                return pc + 4;
            case 0x80:
                s[fp + code[pc + 1]] = Arith.i64DivU(s[fp + code[pc + 2]], s[fp + code[pc + 3]]);
                return pc + 4;
            case 0x81:
                s[fp + code[pc + 1]] = Arith.i64RemS(s[fp + code[pc + 2]], s[fp + code[pc + 3]]);
                return pc + 4;
            case 0x82:
                s[fp + code[pc + 1]] = Arith.i64RemU(s[fp + code[pc + 2]], s[fp + code[pc + 3]]);
                return pc + 4;
            case 0x86:
                s[fp + code[pc + 1]] = s[fp + code[pc + 2]] << s[fp + code[pc + 3]];
                return pc + 4;
            case 0x87:
                s[fp + code[pc + 1]] = s[fp + code[pc + 2]] >> s[fp + code[pc + 3]];
                return pc + 4;
            case 0x88:
                s[fp + code[pc + 1]] = s[fp + code[pc + 2]] >>> s[fp + code[pc + 3]];
                return pc + 4;
            case 0x89:
                s[fp + code[pc + 1]] = Long.rotateLeft(s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]);
                return pc + 4;
            case 0x8A:
                s[fp + code[pc + 1]] = Long.rotateRight(s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]);
                return pc + 4;
            case Op.I64_SHL_IMM:
                s[fp + code[pc + 1]] = s[fp + code[pc + 2]] << code[pc + 3];
                return pc + 4;
            case Op.I64_SHR_S_IMM:
                s[fp + code[pc + 1]] = s[fp + code[pc + 2]] >> code[pc + 3];
                return pc + 4;
            case Op.I64_ROTL_IMM:
                s[fp + code[pc + 1]] = Long.rotateLeft(s[fp + code[pc + 2]], code[pc + 3]);
                return pc + 4;
            case Op.I64_AND_IMM:
                s[fp + code[pc + 1]] = s[fp + code[pc + 2]] & imm64(code, pc);
                return pc + 5;
            case Op.I64_XOR_IMM:
                s[fp + code[pc + 1]] = s[fp + code[pc + 2]] ^ imm64(code, pc);
                return pc + 5;
            default:
                throw new IllegalStateException("not a cold opcode: 0x" + Integer.toHexString(op));
        }
    }

    /**
     * The 64-bit immediate of an {@code I64_*_IMM} instruction: two ints after dst and a. (The dispatch loop spells
     * this out instead of calling it: C2 stops inlining into it once its graph is big enough.)
     */
    private static long imm64(int[] code, int pc) {
        return (code[pc + 3] & 0xFFFF_FFFFL) | ((long) code[pc + 4] << 32);
    }
}
