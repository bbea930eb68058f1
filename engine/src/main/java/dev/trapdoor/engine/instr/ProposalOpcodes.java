package dev.trapdoor.engine.instr;

import dev.trapdoor.engine.binary.ByteReader;
import dev.trapdoor.engine.error.Feature;
import dev.trapdoor.engine.error.UnsupportedFeatureException;

/**
 * Opcodes that {@link Opcode} lacks but WebAssembly 3.0 (or the threads proposal) defines: a module using them is
 * well-formed and gets the feature's name, not "illegal opcode". A byte no spec defines stays illegal, so each
 * prefix's sub-opcodes are checked against the ranges its spec assigns.
 */
public final class ProposalOpcodes {
    public static final int GC_PREFIX = 0xFB;
    public static final int SIMD_PREFIX = 0xFD;
    public static final int THREADS_PREFIX = 0xFE;

    /** SIMD sub-opcodes below 0x100 that the SIMD spec leaves unassigned. */
    private static final int[] SIMD_GAPS = {0x9A, 0xA2, 0xA5, 0xA6, 0xAF, 0xB0, 0xB2, 0xB3, 0xB4, 0xBB, 0xC2, 0xC5,
            0xC6, 0xCF, 0xD0, 0xD2, 0xD3, 0xD4, 0xE2, 0xEE};
    /** Relaxed SIMD: {@code i8x16.relaxed_swizzle} (0x100) through {@code i32x4.relaxed_dot_i8x16_i7x16_add_s}. */
    private static final int RELAXED_SIMD_FIRST = 0x100;
    private static final int RELAXED_SIMD_LAST = 0x113;
    /** GC: {@code struct.new} (0) through {@code i31.get_u} (30). */
    private static final int GC_LAST = 30;

    private ProposalOpcodes() {
    }

    /**
     * Classifies an opcode byte that {@link Opcode} does not know, reading a prefix's sub-opcode from {@code r}
     * (positioned just after {@code b}). Returns the exception to throw when a proposal defines the instruction, or
     * {@code null} when it is an illegal opcode in every spec.
     */
    public static UnsupportedFeatureException classify(int b, ByteReader r, int moduleOffset) {
        return switch (b) {
            case 0x06 -> at(Feature.EXCEPTION_HANDLING, moduleOffset, "legacy try");
            case 0x07 -> at(Feature.EXCEPTION_HANDLING, moduleOffset, "legacy catch");
            case 0x08 -> at(Feature.EXCEPTION_HANDLING, moduleOffset, "throw");
            case 0x09 -> at(Feature.EXCEPTION_HANDLING, moduleOffset, "legacy rethrow");
            case 0x0A -> at(Feature.EXCEPTION_HANDLING, moduleOffset, "throw_ref");
            case 0x18 -> at(Feature.EXCEPTION_HANDLING, moduleOffset, "legacy delegate");
            case 0x19 -> at(Feature.EXCEPTION_HANDLING, moduleOffset, "legacy catch_all");
            case 0x1F -> at(Feature.EXCEPTION_HANDLING, moduleOffset, "try_table");
            case 0x12 -> at(Feature.TAIL_CALLS, moduleOffset, "return_call");
            case 0x13 -> at(Feature.TAIL_CALLS, moduleOffset, "return_call_indirect");
            case 0x15 -> at(Feature.TAIL_CALLS, moduleOffset, "return_call_ref");
            case 0x14 -> at(Feature.TYPED_FUNCTION_REFERENCES, moduleOffset, "call_ref");
            case 0xD4 -> at(Feature.TYPED_FUNCTION_REFERENCES, moduleOffset, "ref.as_non_null");
            case 0xD5 -> at(Feature.TYPED_FUNCTION_REFERENCES, moduleOffset, "br_on_null");
            case 0xD6 -> at(Feature.TYPED_FUNCTION_REFERENCES, moduleOffset, "br_on_non_null");
            case 0xD3 -> at(Feature.GC, moduleOffset, "ref.eq");
            case GC_PREFIX, SIMD_PREFIX, THREADS_PREFIX -> prefixed(b, r.u32Long(), moduleOffset);
            default -> null;
        };
    }

    private static UnsupportedFeatureException prefixed(int prefix, long sub, int moduleOffset) {
        Feature feature = switch (prefix) {
            case GC_PREFIX -> sub <= GC_LAST ? Feature.GC : null;
            case SIMD_PREFIX -> simd(sub);
            default -> (sub <= 0x03 || (sub >= 0x10 && sub <= 0x4E)) ? Feature.THREADS : null;
        };
        return feature == null ? null
                : at(feature, moduleOffset, String.format("instruction 0x%02x %d", prefix, sub));
    }

    private static Feature simd(long sub) {
        if (sub >= RELAXED_SIMD_FIRST && sub <= RELAXED_SIMD_LAST) {
            return Feature.RELAXED_SIMD;
        }
        if (sub >= RELAXED_SIMD_FIRST) {
            return null;
        }
        for (int gap : SIMD_GAPS) {
            if (sub == gap) {
                return null;
            }
        }
        return Feature.SIMD;
    }

    private static UnsupportedFeatureException at(Feature feature, int moduleOffset, String construct) {
        return new UnsupportedFeatureException(feature, moduleOffset, construct);
    }
}
