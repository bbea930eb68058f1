package dev.trapdoor.engine.exec;

/**
 * Opcodes of the translated code. Where Wasm has an instruction with the same meaning, the opcode is the Wasm one
 * (numeric 0x45-0xC4, loads and stores, calls...), now followed by frame-slot operands instead of using a stack.
 * Operands are listed as {@code dst}, {@code a}, {@code b}: slot indices relative to the frame pointer.
 */
final class Op {
    static final int UNREACHABLE = 0x00;
    /** dst src */
    static final int COPY = 0x01;
    /** cond target: branch when the i32 in cond is zero */
    static final int BR_UNLESS = 0x02;
    /** target: backward branch to a loop header; polls for interruption */
    static final int BR_BACK = 0x03;
    /** cond target: conditional backward branch; polls for interruption */
    static final int BR_IF_BACK = 0x04;
    /** target */
    static final int BR = 0x0C;
    /** cond target */
    static final int BR_IF = 0x0D;
    /** index count target*count default */
    static final int BR_TABLE = 0x0E;
    /** results were copied to slots 0..n-1 */
    static final int RETURN = 0x0F;
    /** src: copies the one result from src (a local or a slot) to slot 0, then returns */
    static final int RETURN1 = 0x20;
    /** funcIndex argBase */
    static final int CALL = 0x10;
    /** typeIndex tableIndex argBase indexSlot */
    static final int CALL_INDIRECT = 0x11;
    /** a b cond: a = cond != 0 ? a : b */
    static final int SELECT = 0x1B;
    /** dst globalIndex */
    static final int GLOBAL_GET = 0x23;
    /** globalIndex src */
    static final int GLOBAL_SET = 0x24;
    /** dst tableIndex indexSlot */
    static final int TABLE_GET = 0x25;
    /** tableIndex indexSlot valueSlot */
    static final int TABLE_SET = 0x26;
    // 0x28-0x35 loads: dst addr offset k; 0x36-0x3E stores: addr value offset k. The address is the i32
    // (addr + k) with wrap-around, as a folded Wasm i32.add of a constant computes it; then the unsigned offset.
    /** dst */
    static final int MEMORY_SIZE = 0x3F;
    /** dst delta */
    static final int MEMORY_GROW = 0x40;
    /** dst value */
    static final int CONST32 = 0x41;
    /** dst low high */
    static final int CONST64 = 0x42;
    // 0x45-0xC4 numeric: unary dst a, binary dst a b.
    /** dst a */
    static final int REF_IS_NULL = 0xD1;
    /** dst funcIndex */
    static final int REF_FUNC = 0xD2;
    /** ref.as_non_null: slot (traps on null, else leaves it). */
    static final int REF_AS_NON_NULL = 0xD0;
    /** dst a: saturating truncations, 0xE0 + sub-opcode 0..7 */
    static final int TRUNC_SAT = 0xE0;
    /** dataIndex dst src count */
    static final int MEMORY_INIT = 0xE8;
    /** dataIndex */
    static final int DATA_DROP = 0xE9;
    /** dst src count */
    static final int MEMORY_COPY = 0xEA;
    /** dst value count */
    static final int MEMORY_FILL = 0xEB;
    /** elemIndex tableIndex dst src count */
    static final int TABLE_INIT = 0xEC;
    /** elemIndex */
    static final int ELEM_DROP = 0xED;
    /** dstTable srcTable dst src count */
    static final int TABLE_COPY = 0xEE;
    /** dst tableIndex delta: dst holds the initial value and receives the old size */
    static final int TABLE_GROW = 0xEF;
    /** dst tableIndex */
    static final int TABLE_SIZE = 0xF0;
    /** tableIndex index value count */
    static final int TABLE_FILL = 0xF1;
    /**
     * dst a imm: i32 arithmetic with a constant operand (sub is add of the negation): add, mul, and, or, xor, shl,
     * shr_s, shr_u, rotl.
     */
    static final int I32_ADD_IMM = 0x12;
    static final int I32_MUL_IMM = 0x13;
    static final int I32_AND_IMM = 0x14;
    static final int I32_OR_IMM = 0x15;
    static final int I32_XOR_IMM = 0x16;
    static final int I32_SHL_IMM = 0x17;
    static final int I32_SHR_S_IMM = 0x18;
    static final int I32_SHR_U_IMM = 0x19;
    static final int I32_ROTL_IMM = 0x1D;
    /** dst a lo hi: i64 arithmetic with a 64-bit constant operand (sub is add of the negation). */
    static final int I64_ADD_IMM = 0x1A;
    static final int I64_MUL_IMM = 0x08;
    static final int I64_AND_IMM = 0x09;
    static final int I64_OR_IMM = 0x0A;
    static final int I64_XOR_IMM = 0x0B;
    /** dst a imm: i64 shifts and rotation by a constant. */
    static final int I64_SHL_IMM = 0x05;
    static final int I64_SHR_S_IMM = 0x06;
    static final int I64_SHR_U_IMM = 0x07;
    static final int I64_ROTL_IMM = 0x1E;
    /**
     * a b target: an i32 comparison fused with the branch that consumes it, in the order of the Wasm comparisons
     * (eq, ne, lt_s, lt_u, gt_s, gt_u, le_s, le_u, ge_s, ge_u); taken branches poll for interruption.
     */
    static final int BR_CMP = 0xC5;
    /** a imm target: the same comparisons against a constant. */
    static final int BR_CMP_IMM = 0xD3;
    /**
     * dst a imm k b target: {@code dst = a + imm} (i32), then branch when comparison k (as for {@link #BR_CMP}) holds
     * between dst and the constant b ({@code INC_BR_CMP_IMM}) or the slot b ({@code INC_BR_CMP}): a loop counter's
     * step and test in one instruction. Taken branches poll for interruption.
     */
    static final int INC_BR_CMP_IMM = 0x21;
    static final int INC_BR_CMP = 0x22;
    /** dst x y c: {@code dst = c + x * y} and {@code dst = c - x * y}, each operation rounded on its own. */
    static final int F64_MUL_ADD = 0xF2;
    static final int F64_MUL_SUB = 0xF3;
    static final int F32_MUL_ADD = 0xF4;
    static final int F32_MUL_SUB = 0xF5;
    /**
     * dst x offset K k: i32.load (and i64/f64.load) from {@code ((x << k) + K) + offset}, an index shifted (and moved
     * by a constant) right before the access, as clang emits {@code table[i]}; the shift and the addition wrap as the
     * separate Wasm instructions do.
     */
    static final int I32_LOAD_SCALED = 0xF6;
    static final int I64_LOAD_SCALED = 0xF7;
    /**
     * dst a x offset K: {@code dst = a OP load(x + K + offset)}, an f32/f64 add, f64 subtract or f64 multiply whose
     * operand is read from memory as the load right before it would have (same address rules, same trap).
     */
    static final int F32_ADD_LOAD = 0xF8;
    static final int F64_ADD_LOAD = 0xF9;
    static final int F64_SUB_LOAD = 0xFA;
    static final int F64_MUL_LOAD = 0xFB;
    /** dst c a k: {@code dst = c ^ (a >>> k)} on i32 and on i64. */
    static final int I32_XOR_SHR_U = 0xFC;
    static final int I64_XOR_SHR_U = 0xFD;
    /** dst c a k lo hi: {@code dst = (c ^ (a >>> k)) * K} on i64. */
    static final int I64_XOR_SHR_U_MUL = 0xDF;
    /** dst a bits: f32 add (and subtract, of the negated constant) and multiply by a constant. */
    static final int F32_ADD_IMM = 0x1C;
    static final int F32_MUL_IMM = 0x1F;
    /** dst a lo hi: the same on f64. */
    static final int F64_ADD_IMM = 0xDD;
    static final int F64_MUL_IMM = 0xDE;
    /**
     * SIMD: {@code SIMD + sub} dst a b c i0 i1 i2 i3, one fixed length for all 256 + 20 instructions (see
     * {@link SimdOps}): memory forms use i0 offset, i1 K, i2 lane; constants and shuffle masks i0-i3.
     */
    static final int SIMD = 0x100;
    static final int SIMD_LENGTH = 9;
    /** dst src, a b cond, dst globalIndex, globalIndex src: the v128 forms of COPY, SELECT and the globals. */
    static final int COPY_V = 0x300;
    static final int SELECT_V = 0x301;
    static final int GLOBAL_GET_V = 0x302;
    static final int GLOBAL_SET_V = 0x303;
    /** from to: zeroes the high halves of v128 locals on entry. */
    static final int ZERO_HI = 0x304;
    /**
     * Wide memory and table instructions ({@link WideMemoryTranslation}): {@code WIDE + wasm opcode} (0xFC ones by
     * their sub-opcode + 0x40) a b c d e flags, one fixed length, run by {@link WideMemoryOps}.
     */
    static final int WIDE = 0x500;
    static final int WIDE_LENGTH = 7;
    /** GC: {@code GC + sub} (0xFB's sub-opcode, or {@link GcOps#REF_EQ}) dst src a b, run by {@link GcOps}. */
    static final int GC = 0x600;
    static final int GC_LENGTH = 5;
    /** Debug: a breakpoint patched over an instruction; the original opcode is kept aside. */
    static final int BREAK = 0xFF;

    private Op() {
    }

    /** Length in ints of the instruction starting with {@code op}, given the code (for br_table's count). */
    static int length(int[] code, int pc) {
        int op = code[pc];
        if (ExceptionOps.isThrow(op)) {
            return ExceptionOps.length(op);
        }
        if (TailCalls.isTailCall(op)) {
            return TailCalls.length(op);
        }
        if (op >= SIMD && op < COPY_V) {
            return SIMD_LENGTH;
        }
        if (op >= WIDE && op < WIDE + 0x100) {
            return WIDE_LENGTH;
        }
        if (op >= GC && op < GC + 0x100) {
            return GC_LENGTH;
        }
        if (op >= 0x45 && op <= 0xC4) {
            return isUnary(op) ? 3 : 4;
        }
        if (op >= 0x28 && op <= 0x3E) {
            return 5;
        }
        if (op >= TRUNC_SAT && op < TRUNC_SAT + 8) {
            return 3;
        }
        if (op == I64_ADD_IMM || (op >= I64_MUL_IMM && op <= I64_XOR_IMM) || op == F64_ADD_IMM || op == F64_MUL_IMM) {
            return 5;
        }
        if (op == F32_ADD_IMM || op == F32_MUL_IMM) {
            return 4;
        }
        if ((op >= I32_ADD_IMM && op <= I32_SHR_U_IMM) || op == I32_ROTL_IMM || op == I64_ROTL_IMM
                || (op >= I64_SHL_IMM && op <= I64_SHR_U_IMM) || (op >= BR_CMP && op < BR_CMP + 10)
                || (op >= BR_CMP_IMM && op < BR_CMP_IMM + 10)) {
            return 4;
        }
        return switch (op) {
            case UNREACHABLE, RETURN -> 1;
            case BR, BR_BACK, MEMORY_SIZE, DATA_DROP, ELEM_DROP, RETURN1, REF_AS_NON_NULL -> 2;
            case COPY, BR_UNLESS, BR_IF, BR_IF_BACK, CALL, GLOBAL_GET, GLOBAL_SET, MEMORY_GROW, CONST32, REF_IS_NULL,
                    REF_FUNC, TABLE_SIZE -> 3;
            case SELECT, CONST64, TABLE_GET, TABLE_SET, MEMORY_COPY, MEMORY_FILL, TABLE_GROW -> 4;
            case CALL_INDIRECT, MEMORY_INIT, TABLE_FILL, F64_MUL_ADD, F64_MUL_SUB, F32_MUL_ADD, F32_MUL_SUB,
                    I32_XOR_SHR_U, I64_XOR_SHR_U -> 5;
            case I32_LOAD_SCALED, I64_LOAD_SCALED, F32_ADD_LOAD, F64_ADD_LOAD, F64_SUB_LOAD, F64_MUL_LOAD -> 6;
            case INC_BR_CMP_IMM, INC_BR_CMP, I64_XOR_SHR_U_MUL -> 7;
            case TABLE_INIT, TABLE_COPY -> 6;
            case COPY_V, GLOBAL_GET_V, GLOBAL_SET_V, ZERO_HI -> 3;
            case SELECT_V -> 4;
            case BR_TABLE -> 3 + code[pc + 2] + 1;
            default -> throw new IllegalStateException("unknown translated opcode " + op);
        };
    }

    /** Index 0-9 of an i32 comparison opcode (0x46-0x4F) whose result is true exactly when k's is false. */
    static int negate(int k) {
        return switch (k) {
            case 0 -> 1;
            case 1 -> 0;
            case 2, 3 -> k + 6;
            case 8, 9 -> k - 6;
            case 4, 5 -> k + 2;
            default -> k - 2;
        };
    }

    /** The comparison with its operands swapped: a < b is b > a. */
    static int mirror(int k) {
        return switch (k) {
            case 0, 1 -> k;
            case 2, 3, 6, 7 -> k + 2;
            default -> k - 2;
        };
    }

    /** Whether op reads or writes linear memory at an address it computes (a trap there is out of bounds). */
    static boolean isAccess(int op) {
        // (SIMD accesses check their own bounds and trap with the access described: SimdMemory.address.)
        return (op >= 0x28 && op <= 0x3E) || op == I32_LOAD_SCALED || op == I64_LOAD_SCALED
                || (op >= F32_ADD_LOAD && op <= F64_MUL_LOAD);
    }

    /** Whether numeric opcode {@code op} (0x45-0xC4) takes one operand. */
    static boolean isUnary(int op) {
        return op == 0x45 || op == 0x50 || (op >= 0x67 && op <= 0x69) || (op >= 0x79 && op <= 0x7B)
                || (op >= 0x8B && op <= 0x91) || (op >= 0x99 && op <= 0x9F) || op >= 0xA7;
    }
}
