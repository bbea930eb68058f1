package dev.trapdoor.engine.instr;

/**
 * The shape of an instruction's immediates, and how {@link Instruction#immediate(int)} holds them. Reserved bytes
 * that must be zero are kept as memory index 0 so the shape reads the same as in later proposals.
 */
public enum ImmediateKind {
    /** No immediates. */
    NONE,
    /** One s33: {@code -64} for the empty type ({@code 0x40}), a value type's code minus 0x80, or a type index. */
    BLOCK_TYPE,
    /** One label depth. */
    LABEL,
    /** The label depths, then the default depth last. */
    LABEL_TABLE,
    /** One function index. */
    FUNC,
    /** Type index, then table index. */
    CALL_INDIRECT,
    /** One type index ({@code call_ref}). */
    TYPE,
    /** One local index. */
    LOCAL,
    /** One global index. */
    GLOBAL,
    /** One table index. */
    TABLE,
    /** Alignment exponent, then offset (both u32). */
    MEMARG,
    /** The memory index, encoded as a reserved zero byte. */
    MEMORY,
    /** One signed 32-bit constant. */
    I32,
    /** One signed 64-bit constant. */
    I64,
    /** The raw bits of a 32-bit float. */
    F32,
    /** The raw bits of a 64-bit float. */
    F64,
    /** The binary code of a reference type. */
    REF_TYPE,
    /** The binary codes of a vector of value types. */
    VALUE_TYPES,
    /** Data segment index, then memory index (a reserved zero byte). */
    DATA_MEMORY,
    /** One data segment index. */
    DATA,
    /** Destination then source memory index (two reserved zero bytes). */
    MEMORY_MEMORY,
    /** Element segment index, then table index. */
    ELEM_TABLE,
    /** One element segment index. */
    ELEM,
    /** Destination table index, then source table index. */
    TABLE_TABLE,
    /** A tag index (3.0, exception handling). */
    TAG,
    /** {@code try_table}: a block type, then catch clauses as (kind, tag or -1, label) triples. */
    CATCHES,
    /** A GC sub-opcode and its immediates, as {@link GcOpcodes} lays them out. */
    GC,
    /** A SIMD sub-opcode and its immediates, as {@link SimdImmediates} lays them out. */
    SIMD
}
