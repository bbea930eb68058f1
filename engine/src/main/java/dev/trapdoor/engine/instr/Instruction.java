package dev.trapdoor.engine.instr;

import java.util.Arrays;

/**
 * One decoded instruction: its opcode, its immediates laid out as {@link ImmediateKind} describes, and the module
 * offset of its first byte (the prefix byte for {@code 0xFC} instructions).
 */
public record Instruction(Opcode opcode, long[] immediates, int moduleOffset) {
    private static final long[] NONE = new long[0];

    public Instruction {
        // The array is the record's only mutable part; copying keeps the value immutable for callers who share it.
        immediates = immediates.length == 0 ? NONE : immediates.clone();
    }

    public static Instruction of(Opcode opcode, int moduleOffset, long... immediates) {
        return new Instruction(opcode, immediates, moduleOffset);
    }

    @Override
    public long[] immediates() {
        return immediates.length == 0 ? NONE : immediates.clone();
    }

    public int immediateCount() {
        return immediates.length;
    }

    public long immediate(int i) {
        return immediates[i];
    }

    /**
     * The {@code i}-th immediate narrowed to an int, for indices. An index of 2^31 or more comes out negative; no
     * index space can be that large, so callers comparing against a space's size still reject it.
     */
    public int index(int i) {
        return (int) immediates[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Instruction other && opcode == other.opcode && moduleOffset == other.moduleOffset
                && Arrays.equals(immediates, other.immediates);
    }

    @Override
    public int hashCode() {
        return (opcode.hashCode() * 31 + moduleOffset) * 31 + Arrays.hashCode(immediates);
    }

    @Override
    public String toString() {
        String imm = immediates.length == 0 ? "" : " " + Arrays.toString(immediates);
        return opcode.mnemonic() + imm + " @" + moduleOffset;
    }
}
