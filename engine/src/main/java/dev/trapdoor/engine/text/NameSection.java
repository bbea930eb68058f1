package dev.trapdoor.engine.text;

import java.util.List;
import java.util.Map;

/**
 * The {@code name} custom section from the ids of the text: module, functions, locals, labels, types, tables,
 * memories, globals, element and data segments, struct fields and tags (subsections 0 to 11).
 */
final class NameSection {
    private NameSection() {
    }

    /** The section's contents after its name, or {@code null} when the text names nothing. */
    static ByteBuf build(TextModule m) {
        ByteBuf out = new ByteBuf();
        if (m.moduleName != null) {
            out.u8(0).sized(new ByteBuf().name(m.moduleName));
        }
        simple(out, 1, m.funcs);
        int imported = m.funcs.size() - m.bodies.size();
        ByteBuf locals = new ByteBuf();
        ByteBuf labels = new ByteBuf();
        int localFuncs = 0;
        int labelFuncs = 0;
        for (int f = 0; f < m.bodies.size(); f++) {
            FunctionCode code = m.bodies.get(f);
            int named = (int) code.localNames().stream().filter(n -> n != null).count();
            if (named > 0) {
                localFuncs++;
                locals.u32(imported + f).u32(named);
                List<String> names = code.localNames();
                for (int i = 0; i < names.size(); i++) {
                    if (names.get(i) != null) {
                        locals.u32(i).name(names.get(i));
                    }
                }
            }
            if (!code.labelNames().isEmpty()) {
                labelFuncs++;
                labels.u32(imported + f).u32(code.labelNames().size());
                code.labelNames().forEach(l -> labels.u32(l.index()).name(l.name()));
            }
        }
        if (localFuncs > 0) {
            out.u8(2).sized(new ByteBuf().u32(localFuncs).append(locals));
        }
        if (labelFuncs > 0) {
            out.u8(3).sized(new ByteBuf().u32(labelFuncs).append(labels));
        }
        simple(out, 4, m.types);
        simple(out, 5, m.tables);
        simple(out, 6, m.memories);
        simple(out, 7, m.globals);
        simple(out, 8, m.elems);
        simple(out, 9, m.datas);
        ByteBuf fields = new ByteBuf();
        int types = 0;
        for (int t = 0; t < m.typeDefs.size(); t++) {
            List<String> names = m.typeDefs.get(t).fieldNames();
            long named = names.stream().filter(n -> n != null).count();
            if (named > 0) {
                types++;
                fields.u32(t).u32(named);
                for (int i = 0; i < names.size(); i++) {
                    if (names.get(i) != null) {
                        fields.u32(i).name(names.get(i));
                    }
                }
            }
        }
        if (types > 0) {
            out.u8(10).sized(new ByteBuf().u32(types).append(fields));
        }
        simple(out, 11, m.tags);
        return out.size() == 0 ? null : out;
    }

    private static void simple(ByteBuf out, int id, IndexSpace space) {
        Map<Integer, String> names = BinaryWriter.named(space);
        if (names.isEmpty()) {
            return;
        }
        ByteBuf b = new ByteBuf().u32(names.size());
        names.forEach((i, n) -> b.u32(i).name(n));
        out.u8(id).sized(b);
    }
}
