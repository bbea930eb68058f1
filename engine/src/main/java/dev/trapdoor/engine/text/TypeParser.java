package dev.trapdoor.engine.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Type definitions: {@code (type $t? comptype)}, {@code (type $t? (sub final? $super* comptype))} and
 * {@code (rec type*)}, where a composite type is a {@code func}, {@code struct} or {@code array}.
 */
final class TypeParser {
    private final TextModule module;
    private final ValueTypes types;

    TypeParser(TextModule module, ValueTypes types) {
        this.module = module;
        this.types = types;
    }

    /** A {@code type} or {@code rec} field (the cursor is inside it, after the head). */
    void field(Cursor c, boolean rec) {
        if (!rec) {
            TypeDef def = typeDef(c, false);
            module.typeGroups.add(new TextModule.TypeGroup(false, List.of(def)));
            module.typeDefs.add(def);
            return;
        }
        List<TypeDef> members = new ArrayList<>();
        while (!c.atEnd()) {
            Cursor in = c.inside(c.group("type"));
            members.add(typeDef(in, true));
        }
        if (members.size() > 1) {
            members.replaceAll(m -> new TypeDef(m.encoding(), m.sig(), false, m.fieldNames()));
        }
        module.typeGroups.add(new TextModule.TypeGroup(true, List.copyOf(members)));
        module.typeDefs.addAll(members);
    }

    private TypeDef typeDef(Cursor c, boolean inRec) {
        c.optId();
        ByteBuf b = new ByteBuf();
        TypeDef def;
        if (c.isGroup("sub")) {
            Cursor sub = c.inside(c.group("sub"));
            boolean fin = sub.takeKeyword("final");
            List<Integer> supers = new ArrayList<>();
            while (TextModule.isIndex(sub)) {
                supers.add(module.index(sub, module.types));
            }
            b.u8(fin ? 0x4F : 0x50).u32(supers.size());
            supers.forEach(b::u32);
            def = composite(sub, b, fin && supers.isEmpty());
            sub.end("the subtype");
        } else {
            def = composite(c, b, true);
        }
        c.end("the type definition");
        return def;
    }

    private TypeDef composite(Cursor outer, ByteBuf b, boolean plain) {
        SExpr.Group g = outer.group("a composite type (func, struct or array)", true);
        Cursor c = outer.inside(g);
        String head = g.head() == null ? "" : g.head();
        switch (head) {
            case "func" -> {
                TypeUse use = TypeUse.parse(module, types, c, true);
                if (use.explicit() != null) {
                    throw c.at(use.at(), "unexpected (type ...) in a function type");
                }
                c.end("the function type");
                b.u8(0x60);
                TextModule.vector(b, use.sig().params());
                TextModule.vector(b, use.sig().results());
                return new TypeDef(b.toArray(), use.sig(), plain, List.of());
            }
            case "struct" -> {
                List<String> names = new ArrayList<>();
                ByteBuf fields = new ByteBuf();
                int count = 0;
                while (!c.atEnd()) {
                    Cursor f = c.inside(c.group("field"));
                    String id = f.optId();
                    if (id != null) {
                        if (names.contains(id)) {
                            throw f.error("a field name not used before in this struct ($" + id + " is)");
                        }
                        fieldType(f, fields);
                        names.add(id);
                        count++;
                        f.end("the named field");
                    } else {
                        while (!f.atEnd()) {
                            fieldType(f, fields);
                            names.add(null);
                            count++;
                        }
                    }
                }
                b.u8(0x5F).u32(count).append(fields);
                return new TypeDef(b.toArray(), null, plain, names);
            }
            case "array" -> {
                b.u8(0x5E);
                fieldType(c, b);
                c.end("the array type");
                return new TypeDef(b.toArray(), null, plain, List.of());
            }
            default -> throw outer.at(g.open(), "expected a composite type (func, struct or array)");
        }
    }

    private void fieldType(Cursor c, ByteBuf b) {
        if (c.isGroup("mut")) {
            Cursor m = c.inside(c.group("mut"));
            b.bytes(ValueTypes.bytes(types.storageType(m)));
            m.end("the mutable field");
            b.u8(1);
        } else {
            b.bytes(ValueTypes.bytes(types.storageType(c)));
            b.u8(0);
        }
    }
}
