package dev.trapdoor.engine.text;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a text module declares, as the parser fills it in: the index spaces with their names, the types (explicit
 * ones first, then those inline type uses add), and the encoded entries of each section.
 */
final class TextModule {
    final String file;
    final IndexSpace types = new IndexSpace("type");
    final IndexSpace funcs = new IndexSpace("function");
    final IndexSpace tables = new IndexSpace("table");
    final IndexSpace memories = new IndexSpace("memory");
    final IndexSpace globals = new IndexSpace("global");
    final IndexSpace tags = new IndexSpace("tag");
    final IndexSpace elems = new IndexSpace("elem segment");
    final IndexSpace datas = new IndexSpace("data segment");

    /** Recursion groups in order; a group of one without {@code rec} is written as a bare subtype. */
    record TypeGroup(boolean rec, List<TypeDef> members) {
    }

    final List<TypeGroup> typeGroups = new ArrayList<>();
    final List<TypeDef> typeDefs = new ArrayList<>();
    final Set<Integer> memory64 = new HashSet<>();
    final Set<Integer> table64 = new HashSet<>();

    final List<byte[]> imports = new ArrayList<>();
    final List<Integer> funcTypes = new ArrayList<>();
    final List<byte[]> tableEntries = new ArrayList<>();
    final List<byte[]> memoryEntries = new ArrayList<>();
    final List<byte[]> tagEntries = new ArrayList<>();
    final List<byte[]> globalEntries = new ArrayList<>();
    final List<byte[]> exportEntries = new ArrayList<>();
    final List<byte[]> elemEntries = new ArrayList<>();
    final List<byte[]> dataEntries = new ArrayList<>();
    final List<FunctionCode> bodies = new ArrayList<>();
    final List<CustomSectionText> customs = new ArrayList<>();
    Integer start;
    boolean usesDataCount;
    String moduleName;

    /** A custom section from {@code (@custom "name" (before|after section)? "bytes"*)}. */
    record CustomSectionText(String name, String place, String section, byte[] contents) {
    }

    TextModule(String file) {
        this.file = file;
    }

    /** Whether the next item is an index: an id, or an unsigned integer. */
    static boolean isIndex(Cursor c) {
        Token t = c.peekAtom();
        return t != null && (t.kind() == Token.Kind.ID
                || (t.kind() == Token.Kind.RESERVED && Numbers.unsigned(t.text(), 32) != null));
    }

    int index(Cursor c, IndexSpace space) {
        Token t = c.peekAtom();
        if (t != null && t.kind() == Token.Kind.ID) {
            c.next();
            Integer i = space.lookup(t.idName());
            if (i == null) {
                throw c.at(t, "unknown " + space.what + " " + t.text());
            }
            return i;
        }
        if (t != null && t.kind() == Token.Kind.RESERVED) {
            BigInteger v = Numbers.unsigned(t.text(), 32);
            if (v != null) {
                c.next();
                return v.intValue();
            }
        }
        throw c.error("a " + space.what + " index");
    }

    /** The index of the first plain function type with this signature, appending one if there is none. */
    int funcType(TypeDef.Sig sig) {
        for (int i = 0; i < typeDefs.size(); i++) {
            TypeDef t = typeDefs.get(i);
            if (t.plain() && sig.equals(t.sig())) {
                return i;
            }
        }
        ByteBuf b = new ByteBuf().u8(0x60);
        vector(b, sig.params());
        vector(b, sig.results());
        TypeDef def = new TypeDef(b.toArray(), sig, true, List.of());
        typeGroups.add(new TypeGroup(false, List.of(def)));
        typeDefs.add(def);
        types.add(null, null, null);
        return typeDefs.size() - 1;
    }

    static void vector(ByteBuf b, List<String> valTypes) {
        b.u32(valTypes.size());
        for (String t : valTypes) {
            b.bytes(ValueTypes.bytes(t));
        }
    }

    /** A function type's signature, or {@code null} when the index names no function type (yet). */
    TypeDef.Sig sigOf(int typeIndex) {
        return typeIndex >= 0 && typeIndex < typeDefs.size() ? typeDefs.get(typeIndex).sig() : null;
    }
}
