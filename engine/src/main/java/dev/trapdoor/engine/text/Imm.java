package dev.trapdoor.engine.text;

/** The text shape of an instruction's immediates, which decides how {@link InstructionParser} reads them. */
enum Imm {
    NONE, BLOCK, IF, LOOP, LABEL, LABEL_TABLE, FUNC, CALL_INDIRECT, LOCAL, GLOBAL, TABLE, MEMARG, MEMORY,
    I32, I64, F32, F64, HEAP_TYPE, SELECT, DATA_MEMORY, DATA, MEMORY_MEMORY, ELEM_TABLE, ELEM, TABLE_TABLE,
    /** SIMD. */
    V128_CONST, SHUFFLE, LANE, MEMARG_LANE,
    /** 3.0: a type index; a type and a field; a type and a count; a type and a data or elem segment; two types. */
    TYPE, TYPE_FIELD, TYPE_COUNT, TYPE_DATA, TYPE_ELEM, TYPE_TYPE,
    /** {@code ref.test}/{@code ref.cast}: a reference type whose nullability picks the opcode. */
    REF_TEST, BR_ON_CAST, TAG, TRY_TABLE,
    /** Legacy exception handling. */
    TRY, CATCH, DELEGATE
}
