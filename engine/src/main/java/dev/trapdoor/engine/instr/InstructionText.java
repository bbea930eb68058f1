package dev.trapdoor.engine.instr;

/** The text-format rendering of one instruction, close to what {@code wasm2wat} prints for it. */
public final class InstructionText {
    private InstructionText() {
    }

    public static String of(Instruction in) {
        if (in.opcode() == Opcode.GC) {
            return GcOpcodes.text(in);
        }
        if (in.opcode() == Opcode.SIMD) {
            return SimdOpcodes.name(in.immediate(0)) + SimdImmediates.text(in);
        }
        StringBuilder sb = new StringBuilder(in.opcode().mnemonic());
        switch (in.opcode().immediateKind()) {
            case NONE -> {
            }
            // Memory indices print only where one is not 0, as wasm2wat does.
            case MEMORY, MEMORY_MEMORY -> memories(sb, in);
            case BLOCK_TYPE -> blockType(sb, in.immediate(0));
            case CATCHES -> {
                blockType(sb, in.immediate(0));
                for (int i = 1; i < in.immediateCount(); i += 3) {
                    long kind = in.immediate(i);
                    sb.append(" (").append(kind == 0 ? "catch" : kind == 1 ? "catch_ref" : kind == 2 ? "catch_all"
                            : "catch_all_ref");
                    if (kind < 2) {
                        sb.append(' ').append(in.immediate(i + 1));
                    }
                    sb.append(' ').append(in.immediate(i + 2)).append(')');
                }
            }
            case TAG, LABEL, FUNC, LOCAL, GLOBAL, TABLE, DATA, ELEM, TYPE -> sb.append(' ').append(in.immediate(0));
            case DATA_MEMORY -> {
                if (in.immediate(1) != 0) {
                    sb.append(' ').append(in.immediate(1));
                }
                sb.append(' ').append(in.immediate(0));
            }
            case LABEL_TABLE -> {
                for (long depth : in.immediates()) {
                    sb.append(' ').append(depth);
                }
            }
            case CALL_INDIRECT -> {
                if (in.immediate(1) != 0) {
                    sb.append(' ').append(in.immediate(1));
                }
                sb.append(" (type ").append(in.immediate(0)).append(')');
            }
            case MEMARG -> {
                if (in.immediate(2) != 0) {
                    sb.append(' ').append(in.immediate(2));
                }
                if (in.immediate(1) != 0) {
                    sb.append(" offset=").append(in.immediate(1));
                }
                // The binary holds the exponent; the text format, like the reader, wants bytes.
                sb.append(" align=").append(in.immediate(0) < 63 ? Long.toString(1L << in.immediate(0))
                        : "2^" + in.immediate(0));
            }
            case I32, I64 -> sb.append(' ').append(in.immediate(0));
            case F32 -> sb.append(' ').append(f32((int) in.immediate(0)));
            case F64 -> sb.append(' ').append(f64(in.immediate(0)));
            case REF_TYPE -> sb.append(' ').append(InstructionTypes.heapText(in.immediate(0)));
            case VALUE_TYPES -> {
                if (in.immediateCount() > 0) {
                    sb.append(" (result");
                    for (long code : in.immediates()) {
                        sb.append(' ').append(InstructionTypes.valTypeText(code));
                    }
                    sb.append(')');
                }
            }
            // Text order is table first; the binary puts the segment first.
            case ELEM_TABLE -> sb.append(' ').append(in.immediate(1)).append(' ').append(in.immediate(0));
            case TABLE_TABLE -> sb.append(' ').append(in.immediate(0)).append(' ').append(in.immediate(1));
            default -> throw new AssertionError(in.opcode());
        }
        return sb.toString();
    }

    private static void memories(StringBuilder sb, Instruction in) {
        boolean any = false;
        for (long memory : in.immediates()) {
            any |= memory != 0;
        }
        if (any) {
            for (long memory : in.immediates()) {
                sb.append(' ').append(memory);
            }
        }
    }

    private static void blockType(StringBuilder sb, long blockType) {
        if (blockType >= 0) {
            sb.append(" (type ").append(blockType).append(')');
        } else if (blockType != -64) {
            sb.append(" (result ").append(InstructionTypes.blockResultText(blockType)).append(')');
        }
    }

    static String f32(int bits) {
        float f = Float.intBitsToFloat(bits);
        if (Float.isNaN(f)) {
            return (bits < 0 ? "-" : "") + "nan:0x" + Integer.toHexString(bits & 0x7F_FFFF);
        }
        return Float.isInfinite(f) ? (f < 0 ? "-inf" : "inf") : Float.toString(f);
    }

    static String f64(long bits) {
        double d = Double.longBitsToDouble(bits);
        if (Double.isNaN(d)) {
            return (bits < 0 ? "-" : "") + "nan:0x" + Long.toHexString(bits & 0xF_FFFF_FFFF_FFFFL);
        }
        return Double.isInfinite(d) ? (d < 0 ? "-inf" : "inf") : Double.toString(d);
    }
}
