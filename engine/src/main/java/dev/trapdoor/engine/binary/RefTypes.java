package dev.trapdoor.engine.binary;

import dev.trapdoor.engine.error.MalformedModuleException;
import dev.trapdoor.engine.model.TypeCode;

/**
 * The reference types of typed function references that Trapdoor implements: {@code (ref null? $t)},
 * {@code (ref null? func)} and {@code (ref null? extern)}. Other heap types (GC's, exceptions') are left to
 * {@link ProposalTypes}, which names the missing feature.
 */
public final class RefTypes {
    static final int REF_NULL = 0x63;
    static final int REF = 0x64;

    private RefTypes() {
    }

    /**
     * The type code of {@code (ref null? ht)} whose prefix byte {@code prefix} was just read, with the heap type at
     * {@code r.pos()}; or -1, with {@code r} back at the heap type, when the heap type is not one Trapdoor implements.
     */
    public static int ref(int prefix, ByteReader r) {
        int at = r.pos();
        int heap = heapType(r);
        if (heap < 0) {
            r.pos(at);
            return -1;
        }
        return TypeCode.ref(prefix == REF_NULL, heap);
    }

    /**
     * A heap type (the immediate of {@code ref.null}, or inside a reference type): a type index or {@code func} or
     * {@code extern}; -1 with {@code r} past it for any other well-formed heap type.
     */
    public static int heapType(ByteReader r) {
        int at = r.pos();
        long ht = r.s33();
        if (ht >= 0) {
            return (int) Math.min(ht, TypeCode.ABSTRACT - 1); // past any module's types: "unknown type"
        }
        if (r.pos() - at != 1) {
            throw new MalformedModuleException(at, "malformed heap type");
        }
        int code = (int) ht & 0x7F;
        return code == 0x70 ? TypeCode.HT_FUNC : code == 0x6F ? TypeCode.HT_EXTERN : -1;
    }
}
