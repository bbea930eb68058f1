package dev.trapdoor.engine.binary;

import dev.trapdoor.engine.error.Feature;
import dev.trapdoor.engine.error.MalformedModuleException;
import dev.trapdoor.engine.error.UnsupportedFeatureException;

/**
 * Value and heap types that Trapdoor's {@link dev.trapdoor.engine.model.ValType} lacks but WebAssembly 3.0 defines:
 * {@code v128}, {@code (ref null? ht)}, the GC reference shorthands and {@code exnref}. A byte that no spec defines is
 * left to the caller to report as malformed, with the phrase of the place it was read.
 */
public final class ProposalTypes {
    private static final int REF_NULL = 0x63;
    private static final int REF = 0x64;
    private static final int FUNC = 0x70;
    private static final int EXTERN = 0x6F;

    private ProposalTypes() {
    }

    /**
     * Classifies value-type byte {@code code}, read at {@code moduleOffset}; for {@code (ref null? ht)} the heap type
     * is read from {@code r}, which is just after the byte. Returns the exception to throw, or {@code null} when no
     * spec defines the byte.
     */
    public static UnsupportedFeatureException valType(int code, ByteReader r, int moduleOffset) {
        if (code == 0x7B) {
            return new UnsupportedFeatureException(Feature.SIMD, moduleOffset, "v128 value type");
        }
        if (code == REF_NULL || code == REF) {
            int htOffset = r.pos();
            long ht = r.s33();
            Feature feature = ht >= 0 ? Feature.TYPED_FUNCTION_REFERENCES
                    : r.pos() - htOffset == 1 ? abstractHeapType((int) ht & 0x7F) : null;
            if (feature == null) {
                throw new MalformedModuleException(htOffset, "malformed heap type");
            }
            String text = (code == REF_NULL ? "(ref null " : "(ref ") + heapTypeText(ht) + ")";
            return new UnsupportedFeatureException(feature, moduleOffset, text + " value type");
        }
        Feature shorthand = code == FUNC || code == EXTERN ? null : abstractHeapType(code);
        return shorthand == null ? null
                : new UnsupportedFeatureException(shorthand, moduleOffset, shorthandText(code) + " value type");
    }

    /**
     * Classifies the heap type at {@code r.pos()} (the immediate of {@code ref.null}) other than {@code func} and
     * {@code extern}, which the caller handles. Returns the exception, or {@code null} when no spec defines it.
     */
    public static UnsupportedFeatureException heapType(ByteReader r) {
        int offset = r.pos();
        long ht = r.s33();
        Feature feature = ht >= 0 ? Feature.TYPED_FUNCTION_REFERENCES
                : r.pos() - offset == 1 ? abstractHeapType((int) ht & 0x7F) : null;
        return feature == null ? null
                : new UnsupportedFeatureException(feature, offset, "heap type " + heapTypeText(ht));
    }

    /** The feature of an abstract heap type's byte, or {@code null} when no spec defines it. */
    private static Feature abstractHeapType(int code) {
        return switch (code) {
            case FUNC, EXTERN -> Feature.TYPED_FUNCTION_REFERENCES;
            case 0x6E, 0x6D, 0x6C, 0x6B, 0x6A, 0x71, 0x72, 0x73 -> Feature.GC;
            case 0x69, 0x74 -> Feature.EXCEPTION_HANDLING;
            default -> null;
        };
    }

    /** The text name of a reference type's one-byte shorthand: the bottom types read "null...ref". */
    private static String shorthandText(int code) {
        return switch (code) {
            case 0x71 -> "nullref";
            case 0x72 -> "nullexternref";
            case 0x73 -> "nullfuncref";
            case 0x74 -> "nullexnref";
            default -> heapTypeText(code - 0x80) + "ref";
        };
    }

    private static String heapTypeText(long ht) {
        if (ht >= 0) {
            return "$" + ht;
        }
        return switch ((int) ht & 0x7F) {
            case FUNC -> "func";
            case EXTERN -> "extern";
            case 0x6E -> "any";
            case 0x6D -> "eq";
            case 0x6C -> "i31";
            case 0x6B -> "struct";
            case 0x6A -> "array";
            case 0x71 -> "none";
            case 0x72 -> "noextern";
            case 0x73 -> "nofunc";
            case 0x69 -> "exn";
            case 0x74 -> "noexn";
            default -> "0x" + Integer.toHexString((int) ht & 0x7F);
        };
    }
}
