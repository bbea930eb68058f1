package dev.trapdoor.engine.binary;

import dev.trapdoor.engine.error.MalformedModuleException;
import dev.trapdoor.engine.model.ValType;

/**
 * Decodes, without keeping, the type section entries of 3.0's GC: recursive groups, sub types, struct and array
 * types. Trapdoor does not support them, but a GC type that is malformed in 3.0 too must still be reported so.
 */
final class GcTypes {
    static final int REC = 0x4E;
    static final int SUB = 0x50;
    static final int SUB_FINAL = 0x4F;
    static final int STRUCT = 0x5F;
    static final int ARRAY = 0x5E;
    static final int FUNC = 0x60;

    private GcTypes() {
    }

    /** The name of a GC entry's leading byte, or {@code null} when {@code form} does not start one. */
    static String form(int form) {
        return switch (form) {
            case REC -> "recursive type group";
            case SUB, SUB_FINAL -> "sub type";
            case STRUCT -> "struct type";
            case ARRAY -> "array type";
            default -> null;
        };
    }

    /** Reads one type section entry whose leading byte is a GC form (still unread at {@code r.pos()}). */
    static void skipEntry(ByteReader r) {
        if (r.peekU8() == REC) {
            r.u8();
            int n = Vectors.count(r);
            for (int i = 0; i < n; i++) {
                skipSubType(r);
            }
        } else {
            skipSubType(r);
        }
    }

    private static void skipSubType(ByteReader r) {
        int form = r.peekU8();
        if (form == SUB || form == SUB_FINAL) {
            r.u8();
            int n = Vectors.count(r);
            for (int i = 0; i < n; i++) {
                Vectors.index(r);
            }
        }
        skipCompositeType(r);
    }

    private static void skipCompositeType(ByteReader r) {
        int offset = r.pos();
        switch (r.u8()) {
            case ARRAY -> skipFieldType(r);
            case STRUCT -> {
                int n = Vectors.count(r);
                for (int i = 0; i < n; i++) {
                    skipFieldType(r);
                }
            }
            case FUNC -> {
                skipValTypes(r);
                skipValTypes(r);
            }
            default -> throw new MalformedModuleException(offset, "malformed composite type");
        }
    }

    private static void skipValTypes(ByteReader r) {
        int n = Vectors.count(r);
        for (int i = 0; i < n; i++) {
            skipValType(r);
        }
    }

    /** A field: a value type or a packed i8 (0x78) or i16 (0x77), then the mutability byte. */
    private static void skipFieldType(ByteReader r) {
        int code = r.peekU8();
        if (code == 0x78 || code == 0x77) {
            r.u8();
        } else {
            skipValType(r);
        }
        int offset = r.pos();
        if (r.u8() > 1) {
            throw new MalformedModuleException(offset, "malformed mutability");
        }
    }

    private static void skipValType(ByteReader r) {
        int offset = r.pos();
        int code = r.u8();
        if (ValType.fromCode(code) == null && ProposalTypes.valType(code, r, offset) == null) {
            throw new MalformedModuleException(offset, "malformed value type");
        }
    }
}
