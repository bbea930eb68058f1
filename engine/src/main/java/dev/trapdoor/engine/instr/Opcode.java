package dev.trapdoor.engine.instr;

/**
 * Every WebAssembly 2.0 instruction (SIMD as one entry, detailed by {@link SimdOpcodes}): its encoding (a single byte, or the {@code 0xFC} prefix followed by
 * a u32 sub-opcode), its text-format mnemonic and the shape of its immediates.
 */
public enum Opcode {
    UNREACHABLE(0x00, "unreachable", ImmediateKind.NONE),
    NOP(0x01, "nop", ImmediateKind.NONE),
    BLOCK(0x02, "block", ImmediateKind.BLOCK_TYPE),
    LOOP(0x03, "loop", ImmediateKind.BLOCK_TYPE),
    IF(0x04, "if", ImmediateKind.BLOCK_TYPE),
    ELSE(0x05, "else", ImmediateKind.NONE),
    END(0x0B, "end", ImmediateKind.NONE),
    BR(0x0C, "br", ImmediateKind.LABEL),
    BR_IF(0x0D, "br_if", ImmediateKind.LABEL),
    BR_TABLE(0x0E, "br_table", ImmediateKind.LABEL_TABLE),
    RETURN(0x0F, "return", ImmediateKind.NONE),
    CALL(0x10, "call", ImmediateKind.FUNC),
    CALL_INDIRECT(0x11, "call_indirect", ImmediateKind.CALL_INDIRECT),
    CALL_REF(0x14, "call_ref", ImmediateKind.TYPE),
    TRY(0x06, "try", ImmediateKind.BLOCK_TYPE),
    CATCH(0x07, "catch", ImmediateKind.TAG),
    THROW(0x08, "throw", ImmediateKind.TAG),
    RETHROW(0x09, "rethrow", ImmediateKind.LABEL),
    THROW_REF(0x0A, "throw_ref", ImmediateKind.NONE),
    DELEGATE(0x18, "delegate", ImmediateKind.LABEL),
    CATCH_ALL(0x19, "catch_all", ImmediateKind.NONE),
    TRY_TABLE(0x1F, "try_table", ImmediateKind.CATCHES),
    RETURN_CALL(0x12, "return_call", ImmediateKind.FUNC),
    RETURN_CALL_INDIRECT(0x13, "return_call_indirect", ImmediateKind.CALL_INDIRECT),
    RETURN_CALL_REF(0x15, "return_call_ref", ImmediateKind.TYPE),
    DROP(0x1A, "drop", ImmediateKind.NONE),
    SELECT(0x1B, "select", ImmediateKind.NONE),
    SELECT_T(0x1C, "select", ImmediateKind.VALUE_TYPES),
    LOCAL_GET(0x20, "local.get", ImmediateKind.LOCAL),
    LOCAL_SET(0x21, "local.set", ImmediateKind.LOCAL),
    LOCAL_TEE(0x22, "local.tee", ImmediateKind.LOCAL),
    GLOBAL_GET(0x23, "global.get", ImmediateKind.GLOBAL),
    GLOBAL_SET(0x24, "global.set", ImmediateKind.GLOBAL),
    TABLE_GET(0x25, "table.get", ImmediateKind.TABLE),
    TABLE_SET(0x26, "table.set", ImmediateKind.TABLE),
    I32_LOAD(0x28, "i32.load", ImmediateKind.MEMARG),
    I64_LOAD(0x29, "i64.load", ImmediateKind.MEMARG),
    F32_LOAD(0x2A, "f32.load", ImmediateKind.MEMARG),
    F64_LOAD(0x2B, "f64.load", ImmediateKind.MEMARG),
    I32_LOAD8_S(0x2C, "i32.load8_s", ImmediateKind.MEMARG),
    I32_LOAD8_U(0x2D, "i32.load8_u", ImmediateKind.MEMARG),
    I32_LOAD16_S(0x2E, "i32.load16_s", ImmediateKind.MEMARG),
    I32_LOAD16_U(0x2F, "i32.load16_u", ImmediateKind.MEMARG),
    I64_LOAD8_S(0x30, "i64.load8_s", ImmediateKind.MEMARG),
    I64_LOAD8_U(0x31, "i64.load8_u", ImmediateKind.MEMARG),
    I64_LOAD16_S(0x32, "i64.load16_s", ImmediateKind.MEMARG),
    I64_LOAD16_U(0x33, "i64.load16_u", ImmediateKind.MEMARG),
    I64_LOAD32_S(0x34, "i64.load32_s", ImmediateKind.MEMARG),
    I64_LOAD32_U(0x35, "i64.load32_u", ImmediateKind.MEMARG),
    I32_STORE(0x36, "i32.store", ImmediateKind.MEMARG),
    I64_STORE(0x37, "i64.store", ImmediateKind.MEMARG),
    F32_STORE(0x38, "f32.store", ImmediateKind.MEMARG),
    F64_STORE(0x39, "f64.store", ImmediateKind.MEMARG),
    I32_STORE8(0x3A, "i32.store8", ImmediateKind.MEMARG),
    I32_STORE16(0x3B, "i32.store16", ImmediateKind.MEMARG),
    I64_STORE8(0x3C, "i64.store8", ImmediateKind.MEMARG),
    I64_STORE16(0x3D, "i64.store16", ImmediateKind.MEMARG),
    I64_STORE32(0x3E, "i64.store32", ImmediateKind.MEMARG),
    MEMORY_SIZE(0x3F, "memory.size", ImmediateKind.MEMORY),
    MEMORY_GROW(0x40, "memory.grow", ImmediateKind.MEMORY),
    I32_CONST(0x41, "i32.const", ImmediateKind.I32),
    I64_CONST(0x42, "i64.const", ImmediateKind.I64),
    F32_CONST(0x43, "f32.const", ImmediateKind.F32),
    F64_CONST(0x44, "f64.const", ImmediateKind.F64),
    I32_EQZ(0x45, "i32.eqz", ImmediateKind.NONE),
    I32_EQ(0x46, "i32.eq", ImmediateKind.NONE),
    I32_NE(0x47, "i32.ne", ImmediateKind.NONE),
    I32_LT_S(0x48, "i32.lt_s", ImmediateKind.NONE),
    I32_LT_U(0x49, "i32.lt_u", ImmediateKind.NONE),
    I32_GT_S(0x4A, "i32.gt_s", ImmediateKind.NONE),
    I32_GT_U(0x4B, "i32.gt_u", ImmediateKind.NONE),
    I32_LE_S(0x4C, "i32.le_s", ImmediateKind.NONE),
    I32_LE_U(0x4D, "i32.le_u", ImmediateKind.NONE),
    I32_GE_S(0x4E, "i32.ge_s", ImmediateKind.NONE),
    I32_GE_U(0x4F, "i32.ge_u", ImmediateKind.NONE),
    I64_EQZ(0x50, "i64.eqz", ImmediateKind.NONE),
    I64_EQ(0x51, "i64.eq", ImmediateKind.NONE),
    I64_NE(0x52, "i64.ne", ImmediateKind.NONE),
    I64_LT_S(0x53, "i64.lt_s", ImmediateKind.NONE),
    I64_LT_U(0x54, "i64.lt_u", ImmediateKind.NONE),
    I64_GT_S(0x55, "i64.gt_s", ImmediateKind.NONE),
    I64_GT_U(0x56, "i64.gt_u", ImmediateKind.NONE),
    I64_LE_S(0x57, "i64.le_s", ImmediateKind.NONE),
    I64_LE_U(0x58, "i64.le_u", ImmediateKind.NONE),
    I64_GE_S(0x59, "i64.ge_s", ImmediateKind.NONE),
    I64_GE_U(0x5A, "i64.ge_u", ImmediateKind.NONE),
    F32_EQ(0x5B, "f32.eq", ImmediateKind.NONE),
    F32_NE(0x5C, "f32.ne", ImmediateKind.NONE),
    F32_LT(0x5D, "f32.lt", ImmediateKind.NONE),
    F32_GT(0x5E, "f32.gt", ImmediateKind.NONE),
    F32_LE(0x5F, "f32.le", ImmediateKind.NONE),
    F32_GE(0x60, "f32.ge", ImmediateKind.NONE),
    F64_EQ(0x61, "f64.eq", ImmediateKind.NONE),
    F64_NE(0x62, "f64.ne", ImmediateKind.NONE),
    F64_LT(0x63, "f64.lt", ImmediateKind.NONE),
    F64_GT(0x64, "f64.gt", ImmediateKind.NONE),
    F64_LE(0x65, "f64.le", ImmediateKind.NONE),
    F64_GE(0x66, "f64.ge", ImmediateKind.NONE),
    I32_CLZ(0x67, "i32.clz", ImmediateKind.NONE),
    I32_CTZ(0x68, "i32.ctz", ImmediateKind.NONE),
    I32_POPCNT(0x69, "i32.popcnt", ImmediateKind.NONE),
    I32_ADD(0x6A, "i32.add", ImmediateKind.NONE),
    I32_SUB(0x6B, "i32.sub", ImmediateKind.NONE),
    I32_MUL(0x6C, "i32.mul", ImmediateKind.NONE),
    I32_DIV_S(0x6D, "i32.div_s", ImmediateKind.NONE),
    I32_DIV_U(0x6E, "i32.div_u", ImmediateKind.NONE),
    I32_REM_S(0x6F, "i32.rem_s", ImmediateKind.NONE),
    I32_REM_U(0x70, "i32.rem_u", ImmediateKind.NONE),
    I32_AND(0x71, "i32.and", ImmediateKind.NONE),
    I32_OR(0x72, "i32.or", ImmediateKind.NONE),
    I32_XOR(0x73, "i32.xor", ImmediateKind.NONE),
    I32_SHL(0x74, "i32.shl", ImmediateKind.NONE),
    I32_SHR_S(0x75, "i32.shr_s", ImmediateKind.NONE),
    I32_SHR_U(0x76, "i32.shr_u", ImmediateKind.NONE),
    I32_ROTL(0x77, "i32.rotl", ImmediateKind.NONE),
    I32_ROTR(0x78, "i32.rotr", ImmediateKind.NONE),
    I64_CLZ(0x79, "i64.clz", ImmediateKind.NONE),
    I64_CTZ(0x7A, "i64.ctz", ImmediateKind.NONE),
    I64_POPCNT(0x7B, "i64.popcnt", ImmediateKind.NONE),
    I64_ADD(0x7C, "i64.add", ImmediateKind.NONE),
    I64_SUB(0x7D, "i64.sub", ImmediateKind.NONE),
    I64_MUL(0x7E, "i64.mul", ImmediateKind.NONE),
    I64_DIV_S(0x7F, "i64.div_s", ImmediateKind.NONE),
    I64_DIV_U(0x80, "i64.div_u", ImmediateKind.NONE),
    I64_REM_S(0x81, "i64.rem_s", ImmediateKind.NONE),
    I64_REM_U(0x82, "i64.rem_u", ImmediateKind.NONE),
    I64_AND(0x83, "i64.and", ImmediateKind.NONE),
    I64_OR(0x84, "i64.or", ImmediateKind.NONE),
    I64_XOR(0x85, "i64.xor", ImmediateKind.NONE),
    I64_SHL(0x86, "i64.shl", ImmediateKind.NONE),
    I64_SHR_S(0x87, "i64.shr_s", ImmediateKind.NONE),
    I64_SHR_U(0x88, "i64.shr_u", ImmediateKind.NONE),
    I64_ROTL(0x89, "i64.rotl", ImmediateKind.NONE),
    I64_ROTR(0x8A, "i64.rotr", ImmediateKind.NONE),
    F32_ABS(0x8B, "f32.abs", ImmediateKind.NONE),
    F32_NEG(0x8C, "f32.neg", ImmediateKind.NONE),
    F32_CEIL(0x8D, "f32.ceil", ImmediateKind.NONE),
    F32_FLOOR(0x8E, "f32.floor", ImmediateKind.NONE),
    F32_TRUNC(0x8F, "f32.trunc", ImmediateKind.NONE),
    F32_NEAREST(0x90, "f32.nearest", ImmediateKind.NONE),
    F32_SQRT(0x91, "f32.sqrt", ImmediateKind.NONE),
    F32_ADD(0x92, "f32.add", ImmediateKind.NONE),
    F32_SUB(0x93, "f32.sub", ImmediateKind.NONE),
    F32_MUL(0x94, "f32.mul", ImmediateKind.NONE),
    F32_DIV(0x95, "f32.div", ImmediateKind.NONE),
    F32_MIN(0x96, "f32.min", ImmediateKind.NONE),
    F32_MAX(0x97, "f32.max", ImmediateKind.NONE),
    F32_COPYSIGN(0x98, "f32.copysign", ImmediateKind.NONE),
    F64_ABS(0x99, "f64.abs", ImmediateKind.NONE),
    F64_NEG(0x9A, "f64.neg", ImmediateKind.NONE),
    F64_CEIL(0x9B, "f64.ceil", ImmediateKind.NONE),
    F64_FLOOR(0x9C, "f64.floor", ImmediateKind.NONE),
    F64_TRUNC(0x9D, "f64.trunc", ImmediateKind.NONE),
    F64_NEAREST(0x9E, "f64.nearest", ImmediateKind.NONE),
    F64_SQRT(0x9F, "f64.sqrt", ImmediateKind.NONE),
    F64_ADD(0xA0, "f64.add", ImmediateKind.NONE),
    F64_SUB(0xA1, "f64.sub", ImmediateKind.NONE),
    F64_MUL(0xA2, "f64.mul", ImmediateKind.NONE),
    F64_DIV(0xA3, "f64.div", ImmediateKind.NONE),
    F64_MIN(0xA4, "f64.min", ImmediateKind.NONE),
    F64_MAX(0xA5, "f64.max", ImmediateKind.NONE),
    F64_COPYSIGN(0xA6, "f64.copysign", ImmediateKind.NONE),
    I32_WRAP_I64(0xA7, "i32.wrap_i64", ImmediateKind.NONE),
    I32_TRUNC_F32_S(0xA8, "i32.trunc_f32_s", ImmediateKind.NONE),
    I32_TRUNC_F32_U(0xA9, "i32.trunc_f32_u", ImmediateKind.NONE),
    I32_TRUNC_F64_S(0xAA, "i32.trunc_f64_s", ImmediateKind.NONE),
    I32_TRUNC_F64_U(0xAB, "i32.trunc_f64_u", ImmediateKind.NONE),
    I64_EXTEND_I32_S(0xAC, "i64.extend_i32_s", ImmediateKind.NONE),
    I64_EXTEND_I32_U(0xAD, "i64.extend_i32_u", ImmediateKind.NONE),
    I64_TRUNC_F32_S(0xAE, "i64.trunc_f32_s", ImmediateKind.NONE),
    I64_TRUNC_F32_U(0xAF, "i64.trunc_f32_u", ImmediateKind.NONE),
    I64_TRUNC_F64_S(0xB0, "i64.trunc_f64_s", ImmediateKind.NONE),
    I64_TRUNC_F64_U(0xB1, "i64.trunc_f64_u", ImmediateKind.NONE),
    F32_CONVERT_I32_S(0xB2, "f32.convert_i32_s", ImmediateKind.NONE),
    F32_CONVERT_I32_U(0xB3, "f32.convert_i32_u", ImmediateKind.NONE),
    F32_CONVERT_I64_S(0xB4, "f32.convert_i64_s", ImmediateKind.NONE),
    F32_CONVERT_I64_U(0xB5, "f32.convert_i64_u", ImmediateKind.NONE),
    F32_DEMOTE_F64(0xB6, "f32.demote_f64", ImmediateKind.NONE),
    F64_CONVERT_I32_S(0xB7, "f64.convert_i32_s", ImmediateKind.NONE),
    F64_CONVERT_I32_U(0xB8, "f64.convert_i32_u", ImmediateKind.NONE),
    F64_CONVERT_I64_S(0xB9, "f64.convert_i64_s", ImmediateKind.NONE),
    F64_CONVERT_I64_U(0xBA, "f64.convert_i64_u", ImmediateKind.NONE),
    F64_PROMOTE_F32(0xBB, "f64.promote_f32", ImmediateKind.NONE),
    I32_REINTERPRET_F32(0xBC, "i32.reinterpret_f32", ImmediateKind.NONE),
    I64_REINTERPRET_F64(0xBD, "i64.reinterpret_f64", ImmediateKind.NONE),
    F32_REINTERPRET_I32(0xBE, "f32.reinterpret_i32", ImmediateKind.NONE),
    F64_REINTERPRET_I64(0xBF, "f64.reinterpret_i64", ImmediateKind.NONE),
    I32_EXTEND8_S(0xC0, "i32.extend8_s", ImmediateKind.NONE),
    I32_EXTEND16_S(0xC1, "i32.extend16_s", ImmediateKind.NONE),
    I64_EXTEND8_S(0xC2, "i64.extend8_s", ImmediateKind.NONE),
    I64_EXTEND16_S(0xC3, "i64.extend16_s", ImmediateKind.NONE),
    I64_EXTEND32_S(0xC4, "i64.extend32_s", ImmediateKind.NONE),
    REF_NULL(0xD0, "ref.null", ImmediateKind.REF_TYPE),
    REF_IS_NULL(0xD1, "ref.is_null", ImmediateKind.NONE),
    REF_FUNC(0xD2, "ref.func", ImmediateKind.FUNC),
    REF_AS_NON_NULL(0xD4, "ref.as_non_null", ImmediateKind.NONE),
    REF_EQ(0xD3, "ref.eq", ImmediateKind.NONE),
    BR_ON_NULL(0xD5, "br_on_null", ImmediateKind.LABEL),
    BR_ON_NON_NULL(0xD6, "br_on_non_null", ImmediateKind.LABEL),
    I32_TRUNC_SAT_F32_S(0xFC, 0x00, "i32.trunc_sat_f32_s", ImmediateKind.NONE),
    I32_TRUNC_SAT_F32_U(0xFC, 0x01, "i32.trunc_sat_f32_u", ImmediateKind.NONE),
    I32_TRUNC_SAT_F64_S(0xFC, 0x02, "i32.trunc_sat_f64_s", ImmediateKind.NONE),
    I32_TRUNC_SAT_F64_U(0xFC, 0x03, "i32.trunc_sat_f64_u", ImmediateKind.NONE),
    I64_TRUNC_SAT_F32_S(0xFC, 0x04, "i64.trunc_sat_f32_s", ImmediateKind.NONE),
    I64_TRUNC_SAT_F32_U(0xFC, 0x05, "i64.trunc_sat_f32_u", ImmediateKind.NONE),
    I64_TRUNC_SAT_F64_S(0xFC, 0x06, "i64.trunc_sat_f64_s", ImmediateKind.NONE),
    I64_TRUNC_SAT_F64_U(0xFC, 0x07, "i64.trunc_sat_f64_u", ImmediateKind.NONE),
    MEMORY_INIT(0xFC, 0x08, "memory.init", ImmediateKind.DATA_MEMORY),
    DATA_DROP(0xFC, 0x09, "data.drop", ImmediateKind.DATA),
    MEMORY_COPY(0xFC, 0x0A, "memory.copy", ImmediateKind.MEMORY_MEMORY),
    MEMORY_FILL(0xFC, 0x0B, "memory.fill", ImmediateKind.MEMORY),
    TABLE_INIT(0xFC, 0x0C, "table.init", ImmediateKind.ELEM_TABLE),
    ELEM_DROP(0xFC, 0x0D, "elem.drop", ImmediateKind.ELEM),
    TABLE_COPY(0xFC, 0x0E, "table.copy", ImmediateKind.TABLE_TABLE),
    TABLE_GROW(0xFC, 0x0F, "table.grow", ImmediateKind.TABLE),
    TABLE_SIZE(0xFC, 0x10, "table.size", ImmediateKind.TABLE),
    TABLE_FILL(0xFC, 0x11, "table.fill", ImmediateKind.TABLE),
    /** Every {@code 0xFD}-prefixed instruction: the sub-opcode is the first immediate (see {@link SimdOpcodes}). */
    SIMD(0xFD, "simd", ImmediateKind.SIMD),
    /** Every {@code 0xFB}-prefixed (GC) instruction: the sub-opcode is the first immediate ({@link GcOpcodes}). */
    GC(0xFB, "gc", ImmediateKind.GC);

    /** The prefix byte of the saturating truncation and bulk memory/table instructions. */
    public static final int MISC_PREFIX_BYTE = 0xFC;

    private static final Opcode[] BY_BYTE = new Opcode[256];
    private static final Opcode[] BY_MISC_CODE = new Opcode[18];

    static {
        for (Opcode op : values()) {
            if (op.prefix == 0) {
                BY_BYTE[op.code] = op;
            } else {
                BY_MISC_CODE[op.code] = op;
            }
        }
    }

    private final int prefix;
    private final int code;
    private final String mnemonic;
    private final ImmediateKind immediates;

    Opcode(int code, String mnemonic, ImmediateKind immediates) {
        this(0, code, mnemonic, immediates);
    }

    Opcode(int prefix, int code, String mnemonic, ImmediateKind immediates) {
        this.prefix = prefix;
        this.code = code;
        this.mnemonic = mnemonic;
        this.immediates = immediates;
    }

    /** {@code 0} for single-byte opcodes, {@code 0xFC} for prefixed ones. */
    public int prefix() {
        return prefix;
    }

    /** The opcode byte, or the sub-opcode after the prefix. */
    public int code() {
        return code;
    }

    public String mnemonic() {
        return mnemonic;
    }

    public ImmediateKind immediateKind() {
        return immediates;
    }

    /** Opens a structured block that a matching {@code end} closes. */
    public boolean opensBlock() {
        return this == BLOCK || this == LOOP || this == IF || this == TRY || this == TRY_TABLE;
    }

    /** The single-byte opcode {@code b}, or {@code null} when {@code b} is a prefix or encodes nothing. */
    public static Opcode ofByte(int b) {
        return b >= 0 && b < BY_BYTE.length ? BY_BYTE[b] : null;
    }

    /** The {@code 0xFC}-prefixed opcode with sub-opcode {@code code}, or {@code null}. */
    public static Opcode ofMiscCode(long code) {
        return code >= 0 && code < BY_MISC_CODE.length ? BY_MISC_CODE[(int) code] : null;
    }

    @Override
    public String toString() {
        return mnemonic;
    }
}
