package dev.trapdoor.engine.text;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Tables, memories, element and data segments (with the inline {@code (elem ...)} and {@code (data ...)}
 * abbreviations), constant expressions and custom sections. An element segment keeps the type the text gives it, as
 * 3.0 reads the binary: {@code func x*} (and bare indices) is written as function indices, whose elemkind 0x00 is
 * {@code (ref func)}; a segment with an explicit reference type is written as expressions of that type, even when
 * every item is a {@code ref.func} (wat2wasm writes those as indices, which 2.0 reads as {@code funcref} but 3.0 as
 * {@code (ref func)}).
 */
final class Segments {
    private static final long PAGE = 65536;

    private final TextModule module;
    private final ValueTypes types;

    Segments(TextModule module, ValueTypes types) {
        this.module = module;
        this.types = types;
    }

    /** {@code instr*} to the end of {@code c}, then {@code end}. */
    void expression(Cursor c, ByteBuf b) {
        InstructionParser ip = new InstructionParser(module, types, b, null);
        ip.sequence(c);
        b.u8(0x0B);
    }

    private byte[] expressionBytes(Cursor c) {
        ByteBuf b = new ByteBuf();
        expression(c, b);
        return b.toArray();
    }

    /** Limits: u64 numbers for either address type, as 3.0 reads them (the validator bounds a 32-bit one). */
    private void limits(Cursor c, ByteBuf b, boolean wide, int extraFlags) {
        Token minToken = c.atom("the minimum size");
        BigInteger min = Numbers.unsigned(minToken.text(), 64);
        if (min == null || minToken.kind() != Token.Kind.RESERVED) {
            throw c.at(minToken, "expected the minimum size (an unsigned 64-bit integer), found " + minToken);
        }
        BigInteger max = null;
        Token maxToken = c.peekAtom();
        if (maxToken != null && maxToken.kind() == Token.Kind.RESERVED) {
            c.next();
            max = Numbers.unsigned(maxToken.text(), 64);
            if (max == null) {
                throw c.at(maxToken, "expected the maximum size (an unsigned 64-bit integer), found " + maxToken);
            }
        }
        b.u8((max != null ? 1 : 0) | extraFlags | (wide ? 4 : 0)).u64(min.longValue());
        if (max != null) {
            b.u64(max.longValue());
        }
    }

    /** {@code i64? min max? reftype}. */
    void tableType(Cursor c, ByteBuf b) {
        boolean wide = addressType(c);
        ByteBuf lim = new ByteBuf();
        limits(c, lim, wide, 0);
        b.bytes(ValueTypes.bytes(types.refType(c))).append(lim);
    }

    /** {@code i64? min max? shared?}. */
    void memoryType(Cursor c, ByteBuf b) {
        boolean wide = addressType(c);
        ByteBuf lim = new ByteBuf();
        Cursor probe = c.afterNext();
        boolean shared = probe.isKeyword("shared") || probe.afterNext().isKeyword("shared");
        limits(c, lim, wide, shared ? 2 : 0);
        c.takeKeyword("shared");
        b.append(lim);
    }

    private static boolean addressType(Cursor c) {
        if (c.takeKeyword("i64")) {
            return true;
        }
        c.takeKeyword("i32");
        return false;
    }

    /** A table field after its id and exports: a table type (and 3.0's initializer), or a type with inline elems. */
    void table(Cursor c, int index) {
        boolean wide = module.table64.contains(index);
        boolean inlineElems = c.containsGroup("elem");
        if (inlineElems) {
            addressType(c);
            String refType = types.refType(c);
            Cursor e = c.inside(c.group("elem"));
            c.end("the table");
            List<byte[]> items = new ArrayList<>();
            boolean indices = !e.isGroup();
            while (!e.atEnd()) {
                items.add(indices ? funcRefItem(e) : item(e));
            }
            ByteBuf t = new ByteBuf().bytes(ValueTypes.bytes(refType)).u8(wide ? 5 : 1);
            t.u64(items.size()).u64(items.size());
            module.tableEntries.add(t.toArray());
            byte[] offset = wide ? new byte[] {0x42, 0, 0x0B} : new byte[] {0x41, 0, 0x0B};
            // Inline expressions have the table's type; inline indices are 'func x*', of type (ref func).
            module.elemEntries.add(elemSegment(0, index, offset, refType, items, !indices));
            return;
        }
        ByteBuf t = new ByteBuf();
        tableType(c, t);
        if (!c.atEnd()) {
            module.tableEntries.add(new ByteBuf().u8(0x40).u8(0).append(t).bytes(expressionBytes(c)).toArray());
        } else {
            module.tableEntries.add(t.toArray());
        }
    }

    /** A memory field after its id and exports: a memory type, or inline data. */
    void memory(Cursor c, int index) {
        if (c.containsGroup("data")) {
            boolean wide = addressType(c);
            Cursor d = c.inside(c.group("data"));
            c.end("the memory");
            ByteBuf bytes = new ByteBuf();
            while (!d.atEnd()) {
                bytes.bytes(d.atom(Token.Kind.STRING, "a data string").bytes());
            }
            long pages = (bytes.size() + PAGE - 1) / PAGE;
            module.memoryEntries.add(new ByteBuf().u8(wide ? 5 : 1).u64(pages).u64(pages).toArray());
            ByteBuf seg = new ByteBuf();
            if (index != 0) {
                seg.u8(2).u32(index);
            } else {
                seg.u8(0);
            }
            seg.bytes(wide ? new byte[] {0x42, 0, 0x0B} : new byte[] {0x41, 0, 0x0B}).sized(bytes);
            module.dataEntries.add(seg.toArray());
            return;
        }
        ByteBuf m = new ByteBuf();
        memoryType(c, m);
        c.end("the memory");
        module.memoryEntries.add(m.toArray());
    }

    /** An element segment field, after {@code elem}. */
    void elem(Cursor c) {
        c.optId();
        if (c.takeKeyword("declare")) {
            elemList(c, 3, 0, null);
            return;
        }
        boolean active = c.isGroup("table") || c.isGroup("offset")
                || (c.peek() instanceof SExpr.Group g && g.head() != null && !g.head().equals("ref")
                && !g.head().equals("item") && Instructions.lookup(g.head()) != null)
                || TextModule.isIndex(c) && c.afterNext().isGroup();
        if (!active) {
            elemList(c, 1, 0, null);
            return;
        }
        int table = 0;
        if (c.isGroup("table")) {
            Cursor t = c.inside(c.group("table"));
            table = module.index(t, module.tables);
            t.end("the table use");
        } else if (TextModule.isIndex(c)) {
            table = module.index(c, module.tables);
        }
        elemList(c, 0, table, offset(c));
    }

    private byte[] offset(Cursor c) {
        if (c.isGroup("offset")) {
            return expressionBytes(c.inside(c.group("offset")));
        }
        SExpr.Group g = c.group("an offset expression", true);
        return expressionBytes(new Cursor(c.file(), List.of(g), g.open(), 0));
    }

    private void elemList(Cursor c, int mode, int table, byte[] offset) {
        String refType;
        List<byte[]> items = new ArrayList<>();
        boolean explicitType = false;
        if (c.takeKeyword("func")) {
            refType = "\u0070";
            while (!c.atEnd()) {
                items.add(funcRefItem(c));
            }
        } else if (types.isRefType(c)) {
            // Expressions of an explicit type: the function-index form would make it (ref func) in 3.0.
            explicitType = true;
            refType = types.refType(c);
            while (!c.atEnd()) {
                items.add(item(c));
            }
        } else {
            if (mode != 0) {
                throw c.error("a reference type or \"func\"");
            }
            refType = "\u0070";
            while (!c.atEnd()) {
                items.add(funcRefItem(c));
            }
        }
        module.elemEntries.add(elemSegment(mode, table, offset, refType, items, explicitType));
    }

    /** A function index as the expression {@code ref.func x}. */
    private byte[] funcRefItem(Cursor c) {
        return new ByteBuf().u8(0xD2).u32(module.index(c, module.funcs)).u8(0x0B).toArray();
    }

    /** {@code (item instr*)} or one folded instruction. */
    private byte[] item(Cursor c) {
        if (c.isGroup("item")) {
            return expressionBytes(c.inside(c.group("item")));
        }
        SExpr.Group g = c.group("an element expression", true);
        return expressionBytes(new Cursor(c.file(), List.of(g), g.open(), 0));
    }

    /**
     * @param mode 0 active, 1 passive, 3 declarative (the flag bits of each)
     */
    private static byte[] elemSegment(int mode, int table, byte[] offset, String refType, List<byte[]> items,
                                      boolean explicitType) {
        boolean indices = !explicitType && refType.equals("\u0070") && items.stream().allMatch(Segments::isRefFunc);
        int flags = mode;
        if (mode == 0 && (table != 0 || !(refType.equals("\u0070")))) {
            flags |= 2;
        }
        if (!indices) {
            flags |= 4;
        }
        ByteBuf b = new ByteBuf().u32(flags);
        if (mode == 0) {
            if ((flags & 2) != 0) {
                b.u32(table);
            }
            b.bytes(offset);
        }
        if ((flags & 3) != 0) {
            if (indices) {
                b.u8(0);
            } else {
                b.bytes(ValueTypes.bytes(refType));
            }
        }
        b.u32(items.size());
        for (byte[] item : items) {
            if (indices) {
                b.bytes(item, 1, item.length - 2);
            } else {
                b.bytes(item);
            }
        }
        return b.toArray();
    }

    /** Exactly {@code ref.func x end}. */
    private static boolean isRefFunc(byte[] e) {
        if (e.length < 3 || (e[0] & 0xFF) != 0xD2 || e[e.length - 1] != 0x0B) {
            return false;
        }
        int i = 1;
        while (i < e.length - 1 && (e[i] & 0x80) != 0) {
            i++;
        }
        return i == e.length - 2;
    }

    /** A data segment field, after {@code data}. */
    void data(Cursor c) {
        c.optId();
        ByteBuf b = new ByteBuf();
        if (c.atEnd() || c.isKind(Token.Kind.STRING)) {
            b.u8(1);
        } else {
            int memory = 0;
            if (c.isGroup("memory")) {
                Cursor m = c.inside(c.group("memory"));
                memory = module.index(m, module.memories);
                m.end("the memory use");
            } else if (TextModule.isIndex(c)) {
                memory = module.index(c, module.memories);
            }
            if (memory != 0) {
                b.u8(2).u32(memory);
            } else {
                b.u8(0);
            }
            b.bytes(offset(c));
        }
        ByteBuf bytes = new ByteBuf();
        while (!c.atEnd()) {
            bytes.bytes(c.atom(Token.Kind.STRING, "a data string").bytes());
        }
        module.dataEntries.add(b.sized(bytes).toArray());
    }

    /** {@code (@custom "name" (before|after section)? "contents"*)}. */
    void custom(Cursor c) {
        Token name = c.atom(Token.Kind.STRING, "the custom section's name");
        String place = "after";
        String section = "last";
        if (c.isGroup("before") || c.isGroup("after")) {
            SExpr.Group g = c.group("a placement", true);
            place = g.head();
            Cursor p = c.inside(g);
            section = p.atom(Token.Kind.KEYWORD, "a section name").text();
            p.end("the placement");
        }
        ByteBuf bytes = new ByteBuf();
        while (!c.atEnd()) {
            bytes.bytes(c.atom(Token.Kind.STRING, "a string").bytes());
        }
        module.customs.add(new TextModule.CustomSectionText(new String(name.bytes(),
                java.nio.charset.StandardCharsets.UTF_8), place, section, bytes.toArray()));
    }
}
