package dev.trapdoor.engine.binary;

import dev.trapdoor.engine.error.MalformedModuleException;
import dev.trapdoor.engine.model.CustomSection;
import dev.trapdoor.engine.model.WasmModule;

import java.util.Map;
import java.util.TreeMap;

/**
 * The GC names of the {@code name} custom section (the extended name section): type names (subsection 4) and field
 * names (10, by type index then field index), for a debugger showing structs. Read on demand, apart from
 * {@link NameSectionReader}'s function and local names; like it, a damaged section yields what came before the
 * damage and never throws.
 */
public final class TypeNames {
    private static final int TYPE_NAMES = 4;
    private static final int FIELD_NAMES = 10;

    private final Map<Integer, String> types = new TreeMap<>();
    private final Map<Integer, Map<Integer, String>> fields = new TreeMap<>();

    private TypeNames() {
    }

    /** Type {@code t}'s name, or {@code null}. */
    public String type(int t) {
        return types.get(t);
    }

    /** Field {@code f} of type {@code t}'s name, or {@code null}. */
    public String field(int t, int f) {
        Map<Integer, String> m = fields.get(t);
        return m == null ? null : m.get(f);
    }

    public static TypeNames read(WasmModule module) {
        TypeNames names = new TypeNames();
        for (CustomSection section : module.customSections()) {
            if ("name".equals(section.name())) {
                names.read(module.bytes(), section);
            }
        }
        return names;
    }

    private void read(byte[] bytes, CustomSection section) {
        int payloadEnd = section.payloadOffset() + section.payloadLength();
        ByteReader r = new ByteReader(bytes, section.payloadOffset(), payloadEnd);
        try {
            while (!r.atEnd()) {
                int id = r.u8();
                long size = r.u32Long();
                int subsectionEnd = (int) Math.min(payloadEnd, r.pos() + size);
                r.limit(subsectionEnd);
                if (id == TYPE_NAMES) {
                    nameMap(r, types);
                } else if (id == FIELD_NAMES) {
                    long count = r.u32Long();
                    for (long i = 0; i < count; i++) {
                        Map<Integer, String> m = new TreeMap<>();
                        fields.put((int) Math.min(r.u32Long(), Integer.MAX_VALUE), m);
                        nameMap(r, m);
                    }
                }
                r.pos(subsectionEnd);
                r.limit(payloadEnd);
            }
        } catch (MalformedModuleException damaged) {
            // Keep what was read before the damage.
        }
    }

    private static void nameMap(ByteReader r, Map<Integer, String> into) {
        long count = r.u32Long();
        for (long i = 0; i < count; i++) {
            into.put((int) Math.min(r.u32Long(), Integer.MAX_VALUE), r.name());
        }
    }
}
