package dev.trapdoor.engine.instr;

/**
 * The {@code 0xFD}-prefixed instructions, 2.0's fixed-width SIMD and 3.0's relaxed SIMD, by sub-opcode: mnemonic,
 * {@link Shape} of operands and immediates, and the natural alignment and lane count of memory and lane forms.
 * The validator, the interpreter's translator, the disassembler and the text format all read this one table.
 */
public final class SimdOpcodes {
    /** The prefix byte. */
    public static final int PREFIX = 0xFD;
    /** First relaxed SIMD sub-opcode ({@code i8x16.relaxed_swizzle}). */
    public static final int RELAXED_FIRST = 0x100;

    /** How an instruction uses the operand stack and which immediates follow its sub-opcode. */
    public enum Shape {
        /** memarg; i32 → v128. */
        LOAD,
        /** memarg; i32 v128 → . */
        STORE,
        /** memarg, lane; i32 v128 → v128. */
        LOAD_LANE,
        /** memarg, lane; i32 v128 → . */
        STORE_LANE,
        /** 16 bytes; → v128. */
        CONST,
        /** 16 lane indices; v128 v128 → v128. */
        SHUFFLE,
        /** scalar → v128. */
        SPLAT,
        /** lane; v128 → scalar. */
        EXTRACT,
        /** lane; v128 scalar → v128. */
        REPLACE,
        /** v128 → v128. */
        UNARY,
        /** v128 v128 → v128. */
        BINARY,
        /** v128 v128 v128 → v128. */
        TERNARY,
        /** v128 → i32. */
        TEST,
        /** v128 i32 → v128. */
        SHIFT
    }

    private SimdOpcodes() {
    }

    private static final String[] NAMES = {
        "v128.load", "v128.load8x8_s", "v128.load8x8_u", "v128.load16x4_s", "v128.load16x4_u", "v128.load32x2_s",
        "v128.load32x2_u", "v128.load8_splat", "v128.load16_splat", "v128.load32_splat", "v128.load64_splat",
        "v128.store", "v128.const", "i8x16.shuffle", "i8x16.swizzle", "i8x16.splat", "i16x8.splat", "i32x4.splat",
        "i64x2.splat", "f32x4.splat", "f64x2.splat",
        "i8x16.extract_lane_s", "i8x16.extract_lane_u", "i8x16.replace_lane", "i16x8.extract_lane_s",
        "i16x8.extract_lane_u", "i16x8.replace_lane", "i32x4.extract_lane", "i32x4.replace_lane",
        "i64x2.extract_lane", "i64x2.replace_lane", "f32x4.extract_lane", "f32x4.replace_lane",
        "f64x2.extract_lane", "f64x2.replace_lane",
        "i8x16.eq", "i8x16.ne", "i8x16.lt_s", "i8x16.lt_u", "i8x16.gt_s", "i8x16.gt_u", "i8x16.le_s", "i8x16.le_u",
        "i8x16.ge_s", "i8x16.ge_u",
        "i16x8.eq", "i16x8.ne", "i16x8.lt_s", "i16x8.lt_u", "i16x8.gt_s", "i16x8.gt_u", "i16x8.le_s", "i16x8.le_u",
        "i16x8.ge_s", "i16x8.ge_u",
        "i32x4.eq", "i32x4.ne", "i32x4.lt_s", "i32x4.lt_u", "i32x4.gt_s", "i32x4.gt_u", "i32x4.le_s", "i32x4.le_u",
        "i32x4.ge_s", "i32x4.ge_u",
        "f32x4.eq", "f32x4.ne", "f32x4.lt", "f32x4.gt", "f32x4.le", "f32x4.ge",
        "f64x2.eq", "f64x2.ne", "f64x2.lt", "f64x2.gt", "f64x2.le", "f64x2.ge",
        "v128.not", "v128.and", "v128.andnot", "v128.or", "v128.xor", "v128.bitselect", "v128.any_true",
        "v128.load8_lane", "v128.load16_lane", "v128.load32_lane", "v128.load64_lane", "v128.store8_lane",
        "v128.store16_lane", "v128.store32_lane", "v128.store64_lane", "v128.load32_zero", "v128.load64_zero",
        "f32x4.demote_f64x2_zero", "f64x2.promote_low_f32x4",
        "i8x16.abs", "i8x16.neg", "i8x16.popcnt", "i8x16.all_true", "i8x16.bitmask", "i8x16.narrow_i16x8_s",
        "i8x16.narrow_i16x8_u", "f32x4.ceil", "f32x4.floor", "f32x4.trunc", "f32x4.nearest",
        "i8x16.shl", "i8x16.shr_s", "i8x16.shr_u", "i8x16.add", "i8x16.add_sat_s", "i8x16.add_sat_u", "i8x16.sub",
        "i8x16.sub_sat_s", "i8x16.sub_sat_u", "f64x2.ceil", "f64x2.floor", "i8x16.min_s", "i8x16.min_u",
        "i8x16.max_s", "i8x16.max_u", "f64x2.trunc", "i8x16.avgr_u",
        "i16x8.extadd_pairwise_i8x16_s", "i16x8.extadd_pairwise_i8x16_u", "i32x4.extadd_pairwise_i16x8_s",
        "i32x4.extadd_pairwise_i16x8_u",
        // 0x80
        "i16x8.abs", "i16x8.neg", "i16x8.q15mulr_sat_s", "i16x8.all_true", "i16x8.bitmask", "i16x8.narrow_i32x4_s",
        "i16x8.narrow_i32x4_u", "i16x8.extend_low_i8x16_s", "i16x8.extend_high_i8x16_s",
        "i16x8.extend_low_i8x16_u", "i16x8.extend_high_i8x16_u",
        "i16x8.shl", "i16x8.shr_s", "i16x8.shr_u", "i16x8.add", "i16x8.add_sat_s", "i16x8.add_sat_u", "i16x8.sub",
        "i16x8.sub_sat_s", "i16x8.sub_sat_u", "f64x2.nearest", "i16x8.mul", "i16x8.min_s", "i16x8.min_u",
        "i16x8.max_s", "i16x8.max_u", null, "i16x8.avgr_u",
        "i16x8.extmul_low_i8x16_s", "i16x8.extmul_high_i8x16_s", "i16x8.extmul_low_i8x16_u",
        "i16x8.extmul_high_i8x16_u",
        // 0xA0
        "i32x4.abs", "i32x4.neg", null, "i32x4.all_true", "i32x4.bitmask", null, null,
        "i32x4.extend_low_i16x8_s", "i32x4.extend_high_i16x8_s", "i32x4.extend_low_i16x8_u",
        "i32x4.extend_high_i16x8_u",
        "i32x4.shl", "i32x4.shr_s", "i32x4.shr_u", "i32x4.add", null, null, "i32x4.sub", null, null, null,
        "i32x4.mul", "i32x4.min_s", "i32x4.min_u", "i32x4.max_s", "i32x4.max_u", "i32x4.dot_i16x8_s", null,
        "i32x4.extmul_low_i16x8_s", "i32x4.extmul_high_i16x8_s", "i32x4.extmul_low_i16x8_u",
        "i32x4.extmul_high_i16x8_u",
        // 0xC0
        "i64x2.abs", "i64x2.neg", null, "i64x2.all_true", "i64x2.bitmask", null, null,
        "i64x2.extend_low_i32x4_s", "i64x2.extend_high_i32x4_s", "i64x2.extend_low_i32x4_u",
        "i64x2.extend_high_i32x4_u",
        "i64x2.shl", "i64x2.shr_s", "i64x2.shr_u", "i64x2.add", null, null, "i64x2.sub", null, null, null,
        "i64x2.mul", "i64x2.eq", "i64x2.ne", "i64x2.lt_s", "i64x2.gt_s", "i64x2.le_s", "i64x2.ge_s",
        "i64x2.extmul_low_i32x4_s", "i64x2.extmul_high_i32x4_s", "i64x2.extmul_low_i32x4_u",
        "i64x2.extmul_high_i32x4_u",
        // 0xE0
        "f32x4.abs", "f32x4.neg", null, "f32x4.sqrt", "f32x4.add", "f32x4.sub", "f32x4.mul", "f32x4.div",
        "f32x4.min", "f32x4.max", "f32x4.pmin", "f32x4.pmax",
        "f64x2.abs", "f64x2.neg", null, "f64x2.sqrt", "f64x2.add", "f64x2.sub", "f64x2.mul", "f64x2.div",
        "f64x2.min", "f64x2.max", "f64x2.pmin", "f64x2.pmax",
        "i32x4.trunc_sat_f32x4_s", "i32x4.trunc_sat_f32x4_u", "f32x4.convert_i32x4_s", "f32x4.convert_i32x4_u",
        "i32x4.trunc_sat_f64x2_s_zero", "i32x4.trunc_sat_f64x2_u_zero", "f64x2.convert_low_i32x4_s",
        "f64x2.convert_low_i32x4_u",
        // 0x100: relaxed SIMD
        "i8x16.relaxed_swizzle", "i32x4.relaxed_trunc_f32x4_s", "i32x4.relaxed_trunc_f32x4_u",
        "i32x4.relaxed_trunc_f64x2_s_zero", "i32x4.relaxed_trunc_f64x2_u_zero", "f32x4.relaxed_madd",
        "f32x4.relaxed_nmadd", "f64x2.relaxed_madd", "f64x2.relaxed_nmadd", "i8x16.relaxed_laneselect",
        "i16x8.relaxed_laneselect", "i32x4.relaxed_laneselect", "i64x2.relaxed_laneselect", "f32x4.relaxed_min",
        "f32x4.relaxed_max", "f64x2.relaxed_min", "f64x2.relaxed_max", "i16x8.relaxed_q15mulr_s",
        "i16x8.relaxed_dot_i8x16_i7x16_s", "i32x4.relaxed_dot_i8x16_i7x16_add_s",
    };
    private static final Shape[] SHAPES = new Shape[NAMES.length];

    static {
        for (int sub = 0; sub < NAMES.length; sub++) {
            if (NAMES[sub] != null) {
                SHAPES[sub] = shapeOf(NAMES[sub]);
            }
        }
    }

    /** The mnemonic of sub-opcode {@code sub}, or {@code null} when no spec assigns it. */
    public static String name(long sub) {
        return sub >= 0 && sub < NAMES.length ? NAMES[(int) sub] : null;
    }

    /** Number of sub-opcodes the table spans (assigned or not). */
    public static int count() {
        return NAMES.length;
    }

    /** The shape of an assigned sub-opcode. */
    public static Shape shape(int sub) {
        return SHAPES[sub];
    }

    /** Whether the sub-opcode belongs to relaxed SIMD (3.0). */
    public static boolean isRelaxed(int sub) {
        return sub >= RELAXED_FIRST;
    }

    /** log2 of the natural alignment of a memory instruction, from its access width. */
    public static int naturalAlignment(int sub) {
        String n = NAMES[sub];
        if (n.equals("v128.load") || n.equals("v128.store")) {
            return 4;
        }
        if (n.contains("x")) {
            return 3; // load8x8, load16x4, load32x2: 64 bits
        }
        return Integer.numberOfTrailingZeros(accessBits(n) / 8);
    }

    /** Lane count of the instruction's shape: 16 for i8x16 and the 8-bit lane memory forms, ... 2 for 64-bit. */
    public static int lanes(int sub) {
        String n = NAMES[sub];
        if (n.startsWith("v128.")) {
            return 128 / accessBits(n);
        }
        return Integer.parseInt(n.substring(n.indexOf('x') + 1, n.indexOf('.')));
    }

    /** The scalar type code (0x7F i32, 0x7E i64, 0x7D f32, 0x7C f64) of a splat, extract or replace. */
    public static int scalarType(int sub) {
        String n = NAMES[sub];
        if (n.startsWith("i64x2")) {
            return 0x7E;
        }
        if (n.startsWith("f32x4")) {
            return 0x7D;
        }
        return n.startsWith("f64x2") ? 0x7C : 0x7F;
    }

    private static int accessBits(String n) {
        // v128.load8_lane, v128.store32_lane, v128.load64_splat, v128.load32_zero
        int i = n.indexOf("load") >= 0 ? n.indexOf("load") + 4 : n.indexOf("store") + 5;
        int j = i;
        while (j < n.length() && Character.isDigit(n.charAt(j))) {
            j++;
        }
        return Integer.parseInt(n.substring(i, j));
    }

    private static Shape shapeOf(String n) {
        if (n.startsWith("v128.load")) {
            return n.endsWith("_lane") ? Shape.LOAD_LANE : Shape.LOAD;
        }
        if (n.startsWith("v128.store")) {
            return n.endsWith("_lane") ? Shape.STORE_LANE : Shape.STORE;
        }
        if (n.equals("v128.const")) {
            return Shape.CONST;
        }
        if (n.equals("i8x16.shuffle")) {
            return Shape.SHUFFLE;
        }
        if (n.endsWith(".splat")) {
            return Shape.SPLAT;
        }
        if (n.contains("extract_lane")) {
            return Shape.EXTRACT;
        }
        if (n.contains("replace_lane")) {
            return Shape.REPLACE;
        }
        if (n.endsWith("any_true") || n.endsWith("all_true") || n.endsWith("bitmask")) {
            return Shape.TEST;
        }
        if (n.endsWith(".shl") || n.endsWith(".shr_s") || n.endsWith(".shr_u")) {
            return Shape.SHIFT;
        }
        if (n.equals("v128.bitselect") || n.contains("madd") || n.contains("laneselect") || n.endsWith("_add_s")) {
            return Shape.TERNARY;
        }
        String op = n.substring(n.indexOf('.') + 1);
        if (op.equals("not") || op.equals("abs") || op.equals("neg") || op.equals("popcnt") || op.equals("sqrt")
                || op.equals("ceil") || op.equals("floor") || op.equals("trunc") || op.equals("nearest")
                || op.startsWith("extend_") || op.startsWith("extadd_") || op.startsWith("demote")
                || op.startsWith("promote") || op.startsWith("convert") || op.startsWith("trunc_sat")
                || op.startsWith("relaxed_trunc")) {
            return Shape.UNARY;
        }
        return Shape.BINARY;
    }
}
