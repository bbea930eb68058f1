package dev.trapdoor.engine.instr;

import dev.trapdoor.engine.binary.ByteReader;

/**
 * Steps over one instruction and names its opcode, without building an {@link Instruction}: for the translator's walks
 * over a body before it translates (which locals are used once, whether a SIMD instruction occurs). The common
 * instructions (locals, globals, constants, plain loads and stores, branches, calls and every numeric operator) are
 * read here; anything else is left to {@link InstructionReader}, so both read exactly the same bytes. The record and
 * its two arrays per instruction were a third of a hello-world's translation garbage, and on this machine every
 * fresh page of heap costs a page fault.
 */
public final class InstructionSkip {
    private InstructionSkip() {
    }

    /** Reads past the instruction at {@code r.pos()} and returns its opcode. */
    public static Opcode skip(ByteReader r) {
        int start = r.pos();
        int b = r.u8();
        switch (b) {
            case 0x00, 0x01, 0x05, 0x0B, 0x0F, 0x1A, 0x1B:
                return Opcode.ofByte(b);
            case 0x0C, 0x0D, 0x10, 0x20, 0x21, 0x22, 0x23, 0x24:
                r.u32Long();
                return Opcode.ofByte(b);
            case 0x41:
                r.s32();
                return Opcode.ofByte(b);
            case 0x42:
                r.s64();
                return Opcode.ofByte(b);
            case 0x43:
                r.f32Bits();
                return Opcode.ofByte(b);
            case 0x44:
                r.f64Bits();
                return Opcode.ofByte(b);
            default:
                if (b >= 0x45 && b <= 0xC4) {
                    return Opcode.ofByte(b); // numeric operators: no immediates
                }
                if (b >= 0x28 && b <= 0x3E && r.u32Long() < 0x40) {
                    r.u64(); // a memarg without a memory index: alignment, offset
                    return Opcode.ofByte(b);
                }
                r.pos(start);
                return InstructionReader.read(r).opcode();
        }
    }

}
