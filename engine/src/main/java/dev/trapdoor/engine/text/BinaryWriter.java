package dev.trapdoor.engine.text;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Writes a parsed {@link TextModule} as a binary module, sections in the order the binary format requires. */
final class BinaryWriter {
    private static final List<String> SECTION_NAMES = List.of("type", "import", "func", "table", "memory", "tag",
            "global", "export", "start", "elem", "datacount", "code", "data");
    private static final int[] SECTION_IDS = {1, 2, 3, 4, 5, 13, 6, 7, 8, 9, 12, 10, 11};

    private final TextModule m;
    private final ByteBuf out = new ByteBuf();
    /** Module offset of each function body's first byte (after its size). */
    private final int[] bodyOffsets;

    private BinaryWriter(TextModule m) {
        this.m = m;
        this.bodyOffsets = new int[m.bodies.size()];
    }

    /** The module's bytes, and where each defined function's body starts. */
    record Output(byte[] bytes, int[] bodyOffsets) {
    }

    static Output write(TextModule m, boolean names) {
        BinaryWriter w = new BinaryWriter(m);
        w.out.bytes(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
        customs(w, "before", "first");
        for (int s = 0; s < SECTION_NAMES.size(); s++) {
            String name = SECTION_NAMES.get(s);
            customs(w, "before", name);
            w.section(s);
            customs(w, "after", name);
        }
        if (names) {
            ByteBuf n = NameSection.build(m);
            if (n != null) {
                w.out.u8(0).sized(new ByteBuf().name("name").append(n));
            }
        }
        customs(w, "after", "last");
        return new Output(w.out.toArray(), w.bodyOffsets);
    }

    private static void customs(BinaryWriter w, String place, String section) {
        for (TextModule.CustomSectionText c : w.m.customs) {
            if (c.place().equals(place) && c.section().equals(section)) {
                w.out.u8(0).sized(new ByteBuf().name(c.name()).bytes(c.contents()));
            }
        }
    }

    private void section(int s) {
        int id = SECTION_IDS[s];
        ByteBuf b = new ByteBuf();
        switch (id) {
            case 1 -> {
                if (m.typeGroups.isEmpty()) {
                    return;
                }
                b.u32(m.typeGroups.size());
                for (TextModule.TypeGroup g : m.typeGroups) {
                    if (g.rec()) {
                        b.u8(0x4E).u32(g.members().size());
                    }
                    g.members().forEach(t -> b.bytes(t.encoding()));
                }
            }
            case 2 -> vector(b, m.imports);
            case 3 -> {
                if (m.funcTypes.isEmpty()) {
                    return;
                }
                b.u32(m.funcTypes.size());
                m.funcTypes.forEach(b::u32);
            }
            case 4 -> vector(b, m.tableEntries);
            case 5 -> vector(b, m.memoryEntries);
            case 13 -> vector(b, m.tagEntries);
            case 6 -> vector(b, m.globalEntries);
            case 7 -> vector(b, m.exportEntries);
            case 8 -> {
                if (m.start == null) {
                    return;
                }
                b.u32(m.start);
            }
            case 9 -> vector(b, m.elemEntries);
            case 12 -> {
                // Only when code needs it and there is data, as wat2wasm decides.
                if (!m.usesDataCount || m.dataEntries.isEmpty()) {
                    return;
                }
                b.u32(m.dataEntries.size());
            }
            case 10 -> {
                if (m.bodies.isEmpty()) {
                    return;
                }
                code();
                return;
            }
            case 11 -> vector(b, m.dataEntries);
            default -> throw new IllegalStateException("section " + id);
        }
        if (b.size() == 0) {
            return;
        }
        out.u8(id).sized(b);
    }

    private static void vector(ByteBuf b, List<byte[]> entries) {
        if (entries.isEmpty()) {
            return;
        }
        b.u32(entries.size());
        entries.forEach(b::bytes);
    }

    /** The code section, written in place so each body's module offset is known. */
    private void code() {
        ByteBuf contents = new ByteBuf().u32(m.bodies.size());
        int[] relative = new int[m.bodies.size()];
        for (int i = 0; i < m.bodies.size(); i++) {
            byte[] body = m.bodies.get(i).body();
            contents.u32(body.length);
            relative[i] = contents.size();
            contents.bytes(body);
        }
        out.u8(10).u32(contents.size());
        int base = out.size();
        for (int i = 0; i < relative.length; i++) {
            bodyOffsets[i] = base + relative[i];
        }
        out.append(contents);
    }

    /** Index → name for the named entries of a space, in index order. */
    static Map<Integer, String> named(IndexSpace space) {
        Map<Integer, String> names = new TreeMap<>();
        for (int i = 0; i < space.size(); i++) {
            if (space.name(i) != null) {
                names.put(i, space.name(i));
            }
        }
        return names;
    }
}
