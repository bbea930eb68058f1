package dev.trapdoor.engine.binary;

import dev.trapdoor.engine.error.MalformedModuleException;
import dev.trapdoor.engine.model.TypeCode;

/**
 * The reference types Trapdoor implements: {@code (ref null? $t)}, {@code (ref null? func)},
 * {@code (ref null? extern)}, {@code exn}, GC's {@code any}/{@code eq}/{@code i31}/{@code struct}/{@code array}, and
 * the bottom types {@code nofunc}, {@code noextern}, {@code noexn} and {@code none}. Anything else is left to
 * {@link ProposalTypes}, which names the missing feature or reports it malformed.
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
        if (prefix != REF && prefix != REF_NULL) {
            return shorthand(prefix);
        }
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
        return abstractHeap((int) ht & 0x7F);
    }

    /** The heap type of an abstract heap type's byte, or -1 when Trapdoor does not implement it. */
    static int abstractHeap(int code) {
        return switch (code) {
            case 0x70 -> TypeCode.HT_FUNC;
            case 0x6F -> TypeCode.HT_EXTERN;
            case 0x73 -> TypeCode.HT_NOFUNC;
            case 0x72 -> TypeCode.HT_NOEXTERN;
            case 0x69 -> TypeCode.HT_EXN;
            case 0x74 -> TypeCode.HT_NOEXN;
            case 0x6E -> TypeCode.HT_ANY;
            case 0x6D -> TypeCode.HT_EQ;
            case 0x6C -> TypeCode.HT_I31;
            case 0x6B -> TypeCode.HT_STRUCT;
            case 0x6A -> TypeCode.HT_ARRAY;
            case 0x71 -> TypeCode.HT_NONE;
            default -> -1;
        };
    }

    /**
     * A one-byte shorthand other than {@code funcref}/{@code externref}/{@code exnref}: the bottom types'
     * {@code nullfuncref}, {@code nullexternref}, {@code nullexnref}, and GC's {@code anyref} to {@code nullref};
     * -1 for any other byte.
     */
    public static int shorthand(int code) {
        return code == 0x73 || code == 0x72 || code == 0x74 || (code >= 0x6A && code <= 0x6E) || code == 0x71
                ? TypeCode.ref(true, abstractHeap(code)) : -1;
    }
}
