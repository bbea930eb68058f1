package dev.trapdoor.engine.text;

import java.util.List;

/**
 * One defined type as the type section encodes it.
 *
 * @param encoding   the subtype's bytes ({@code 0x50}/{@code 0x4F} prefix and supertypes if any, then the
 *                   composite type)
 * @param sig        a function type's parameters and results ({@link ValueTypes} strings), or {@code null}
 * @param plain      final, without supertypes, alone in its recursion group: what an inline type use can match
 * @param fieldNames a struct's field names by field index ({@code null} entries for unnamed fields), else empty
 */
record TypeDef(byte[] encoding, Sig sig, boolean plain, List<String> fieldNames) {
    record Sig(List<String> params, List<String> results) {
    }
}
