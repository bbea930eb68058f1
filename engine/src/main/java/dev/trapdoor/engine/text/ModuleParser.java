package dev.trapdoor.engine.text;

import java.util.ArrayList;
import java.util.List;

/**
 * The fields of a module. First every field's id goes into its index space (so uses may precede definitions) and
 * the explicit types are parsed; then the fields are read in order, which is also the order inline type uses append
 * their implicit types in.
 */
final class ModuleParser {
    private final TextModule module;
    private final ValueTypes types;
    private final Segments segments;

    private ModuleParser(TextModule module) {
        this.module = module;
        this.types = new ValueTypes(module);
        this.segments = new Segments(module, types);
    }

    /** Parses the fields of {@code c} (inside {@code (module $id? ...)}, after the id). */
    static TextModule parse(String file, Cursor c, String moduleName) {
        TextModule m = new TextModule(file);
        m.moduleName = moduleName;
        ModuleParser p = new ModuleParser(m);
        List<SExpr.Group> fields = new ArrayList<>();
        for (SExpr e = c.peekRaw(); e != null; e = c.peekRaw()) {
            c.skipRaw();
            if (!(e instanceof SExpr.Group g)) {
                throw c.at(e.start(), "expected a module field \"(...)\", found " + ((SExpr.Atom) e).token());
            }
            fields.add(g);
        }
        p.declare(c, fields);
        TypeParser typeParser = new TypeParser(m, p.types);
        for (SExpr.Group g : fields) {
            if ("type".equals(g.head()) || "rec".equals(g.head())) {
                typeParser.field(c.inside(g), "rec".equals(g.head()));
            }
        }
        for (SExpr.Group g : fields) {
            p.field(c, g);
        }
        return m;
    }

    /** Pass one: ids into index spaces, and imports only before definitions. */
    private void declare(Cursor outer, List<SExpr.Group> fields) {
        String definition = null;
        for (SExpr.Group g : fields) {
            if (g.annotation() != null) {
                continue;
            }
            String head = g.head();
            if (head == null) {
                throw outer.at(g.open(), "expected a module field keyword after \"(\"");
            }
            Cursor c = outer.inside(g);
            switch (head) {
                case "type" -> module.types.add(c.optId(), c, g.open());
                case "rec" -> {
                    while (c.isGroup("type")) {
                        Cursor t = c.inside(c.group("type"));
                        Token at = t.peekAtom();
                        module.types.add(t.optId(), t, at);
                    }
                }
                case "import" -> {
                    c.atom(Token.Kind.STRING, "the module name");
                    c.atom(Token.Kind.STRING, "the import name");
                    SExpr.Group desc = c.group("an import description", true);
                    Cursor d = c.inside(desc);
                    if (definition != null) {
                        throw outer.at(g.open(), "import after " + definition);
                    }
                    declareEntity(desc.head() == null ? "" : desc.head(), d, desc, outer);
                }
                case "func", "table", "memory", "global", "tag" -> {
                    Token at = c.peekAtom();
                    String id = c.optId();
                    while (c.isGroup("export")) {
                        c.next();
                    }
                    if (c.isGroup("import")) {
                        if (definition != null) {
                            throw outer.at(g.open(), "import after " + definition);
                        }
                        c.next();
                    } else if (!head.equals("tag")) {
                        definition = head.equals("func") ? "function" : head;
                    }
                    space(head).add(id, c, at);
                    if ((head.equals("memory") || head.equals("table")) && c.isKeyword("i64")) {
                        (head.equals("memory") ? module.memory64 : module.table64).add(space(head).size() - 1);
                    }
                    if (head.equals("memory") && c.containsGroup("data")) {
                        module.datas.add(null, null, null);
                    }
                    if (head.equals("table") && c.containsGroup("elem")) {
                        module.elems.add(null, null, null);
                    }
                }
                case "elem" -> {
                    Token at = c.peekAtom();
                    module.elems.add(c.optId(), c, at);
                }
                case "data" -> {
                    Token at = c.peekAtom();
                    module.datas.add(c.optId(), c, at);
                }
                case "export", "start" -> {
                }
                default -> throw outer.at(g.open(), "unknown module field \"" + head + "\"");
            }
        }
    }

    private void declareEntity(String kind, Cursor d, SExpr.Group desc, Cursor outer) {
        switch (kind) {
            case "func", "table", "memory", "global", "tag" -> {
                Token at = d.peekAtom();
                space(kind).add(d.optId(), d, at);
                if ((kind.equals("memory") || kind.equals("table")) && d.isKeyword("i64")) {
                    (kind.equals("memory") ? module.memory64 : module.table64).add(space(kind).size() - 1);
                }
            }
            default -> throw outer.at(desc.open(), "expected an import description (func, table, memory, global or"
                    + " tag)");
        }
    }

    private IndexSpace space(String kind) {
        return switch (kind) {
            case "func" -> module.funcs;
            case "table" -> module.tables;
            case "memory" -> module.memories;
            case "global" -> module.globals;
            case "tag" -> module.tags;
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private static int kindByte(String kind) {
        return switch (kind) {
            case "func" -> 0;
            case "table" -> 1;
            case "memory" -> 2;
            case "global" -> 3;
            default -> 4;
        };
    }

    private int funcCount;
    private int tableCount;
    private int memoryCount;
    private int globalCount;
    private int tagCount;

    private int nextIndex(String kind) {
        return switch (kind) {
            case "func" -> funcCount++;
            case "table" -> tableCount++;
            case "memory" -> memoryCount++;
            case "global" -> globalCount++;
            default -> tagCount++;
        };
    }

    private void field(Cursor outer, SExpr.Group g) {
        if (g.annotation() != null) {
            if (g.annotation().equals("custom")) {
                segments.custom(new Cursor(outer.file(), g, 0));
            }
            return;
        }
        Cursor c = outer.inside(g);
        switch (g.head()) {
            case "type", "rec" -> {
            }
            case "import" -> {
                byte[] moduleName = c.atom(Token.Kind.STRING, "the module name").bytes();
                byte[] name = c.atom(Token.Kind.STRING, "the import name").bytes();
                SExpr.Group desc = c.group("an import description", true);
                c.end("the import");
                Cursor d = c.inside(desc);
                d.optId();
                importEntry(desc.head(), moduleName, name, d);
            }
            case "func", "table", "memory", "global", "tag" -> entity(g.head(), c);
            case "export" -> {
                byte[] name = c.atom(Token.Kind.STRING, "the export name").bytes();
                SExpr.Group desc = c.group("an export description", true);
                c.end("the export");
                Cursor d = c.inside(desc);
                String kind = desc.head() == null ? "" : desc.head();
                if (!List.of("func", "table", "memory", "global", "tag").contains(kind)) {
                    throw c.at(desc.open(), "expected an export description (func, table, memory, global or tag)");
                }
                int index = module.index(d, space(kind));
                d.end("the export description");
                module.exportEntries.add(new ByteBuf().name(name).u8(kindByte(kind)).u32(index).toArray());
            }
            case "start" -> {
                if (module.start != null) {
                    throw c.at(g.open(), "multiple start sections");
                }
                module.start = module.index(c, module.funcs);
                c.end("the start");
            }
            case "elem" -> segments.elem(c);
            case "data" -> segments.data(c);
            default -> throw c.at(g.open(), "unknown module field \"" + g.head() + "\"");
        }
    }

    /** A func, table, memory, global or tag field, with its inline exports and import. */
    private void entity(String kind, Cursor c) {
        c.optId();
        int index = nextIndex(kind);
        while (c.isGroup("export")) {
            Cursor e = c.inside(c.group("export"));
            byte[] name = e.atom(Token.Kind.STRING, "the export name").bytes();
            e.end("the inline export");
            module.exportEntries.add(new ByteBuf().name(name).u8(kindByte(kind)).u32(index).toArray());
        }
        if (c.isGroup("import")) {
            Cursor i = c.inside(c.group("import"));
            byte[] moduleName = i.atom(Token.Kind.STRING, "the module name").bytes();
            byte[] name = i.atom(Token.Kind.STRING, "the import name").bytes();
            i.end("the inline import");
            nextIndexUndo(kind);
            importEntry(kind, moduleName, name, c);
            return;
        }
        switch (kind) {
            case "func" -> func(c);
            case "table" -> segments.table(c, index);
            case "memory" -> segments.memory(c, index);
            case "global" -> {
                ByteBuf b = new ByteBuf();
                globalType(c, b);
                segments.expression(c, b);
                module.globalEntries.add(b.toArray());
            }
            default -> {
                TypeUse use = TypeUse.parse(module, types, c, false);
                c.end("the tag");
                module.tagEntries.add(new ByteBuf().u8(0).u32(use.index(module)).toArray());
            }
        }
    }

    private void nextIndexUndo(String kind) {
        switch (kind) {
            case "func" -> funcCount--;
            case "table" -> tableCount--;
            case "memory" -> memoryCount--;
            case "global" -> globalCount--;
            default -> tagCount--;
        }
    }

    private void importEntry(String kind, byte[] moduleName, byte[] name, Cursor d) {
        nextIndex(kind);
        ByteBuf b = new ByteBuf().name(moduleName).name(name).u8(kindByte(kind));
        switch (kind) {
            case "func" -> {
                TypeUse use = TypeUse.parse(module, types, d, true);
                b.u32(use.index(module));
            }
            case "table" -> segments.tableType(d, b);
            case "memory" -> segments.memoryType(d, b);
            case "global" -> globalType(d, b);
            default -> b.u8(0).u32(TypeUse.parse(module, types, d, false).index(module));
        }
        d.end("the import description");
        module.imports.add(b.toArray());
    }

    private void globalType(Cursor c, ByteBuf b) {
        if (c.isGroup("mut")) {
            Cursor m = c.inside(c.group("mut"));
            b.bytes(ValueTypes.bytes(types.valType(m))).u8(1);
            m.end("the mutable global type");
        } else {
            b.bytes(ValueTypes.bytes(types.valType(c))).u8(0);
        }
    }

    private void func(Cursor c) {
        TypeUse use = TypeUse.parse(module, types, c, true);
        module.funcTypes.add(use.index(module));
        IndexSpace locals = new IndexSpace("local");
        int params = use.paramCount(module);
        for (int i = 0; i < params; i++) {
            locals.add(use.inline() ? use.paramNames().get(i) : null, c, use.at());
        }
        List<String> localTypes = new ArrayList<>();
        while (c.isGroup("local")) {
            Cursor l = c.inside(c.group("local"));
            Token at = l.peekAtom();
            String id = l.optId();
            if (id != null) {
                localTypes.add(types.valType(l));
                locals.add(id, l, at);
                l.end("the named local");
            } else {
                while (!l.atEnd()) {
                    localTypes.add(types.valType(l));
                    locals.add(null, l, at);
                }
            }
        }
        // Runs of equal types share one entry: [count, index of the run's first local].
        List<int[]> runs = new ArrayList<>();
        for (int i = 0; i < localTypes.size(); i++) {
            int[] last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            if (last != null && localTypes.get(last[1]).equals(localTypes.get(i))) {
                last[0]++;
            } else {
                runs.add(new int[] {1, i});
            }
        }
        ByteBuf header = new ByteBuf().u32(runs.size());
        for (int[] r : runs) {
            header.u32(r[0]).bytes(ValueTypes.bytes(localTypes.get(r[1])));
        }
        ByteBuf code = new ByteBuf();
        InstructionParser ip = new InstructionParser(module, types, code, locals);
        ip.sequence(c);
        code.u8(0x0B);
        int[] positions = ip.positions();
        for (int i = 0; i < positions.length; i += 3) {
            positions[i] += header.size();
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < locals.size(); i++) {
            names.add(locals.name(i));
        }
        module.bodies.add(new FunctionCode(header.append(code).toArray(), names, ip.labelNames(), positions));
    }
}
