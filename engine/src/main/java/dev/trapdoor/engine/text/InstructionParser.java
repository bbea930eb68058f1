package dev.trapdoor.engine.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns instructions into bytes: plain sequences ({@code block ... end}), folded lists ({@code (i32.add (a) (b))},
 * operands first), block labels, and the positions of the instructions for the offset → text map. One per
 * expression (a function body, an offset, an initializer).
 */
final class InstructionParser {
    private final TextModule module;
    private final ValueTypes types;
    private final ByteBuf out;
    private final IndexSpace locals;
    private final Immediates immediates;
    /** Labels, innermost last; {@code null} for an unnamed block. */
    private final List<String> labels = new ArrayList<>();
    private final List<FunctionCode.LabelName> labelNames = new ArrayList<>();
    private int blockCount;
    private final IntList positions = new IntList();

    InstructionParser(TextModule module, ValueTypes types, ByteBuf out, IndexSpace locals) {
        this.module = module;
        this.types = types;
        this.out = out;
        this.locals = locals;
        this.immediates = new Immediates(module, types, this);
    }

    int[] positions() {
        return positions.toArray();
    }

    List<FunctionCode.LabelName> labelNames() {
        return labelNames;
    }

    IndexSpace locals() {
        return locals;
    }

    /** All the instructions left in {@code c}. */
    void sequence(Cursor c) {
        Token stop = plainUntil(c, Set.of());
        if (stop != null) {
            throw c.at(stop, "unexpected \"" + stop.text() + "\" outside a block");
        }
    }

    /** Instructions until one of {@code stops} (returned, consumed) or the end of {@code c} ({@code null}). */
    private Token plainUntil(Cursor c, Set<String> stops) {
        while (!c.atEnd()) {
            Token t = c.peekAtom();
            if (t != null && t.kind() == Token.Kind.KEYWORD && (stops.contains(t.text()) || isBlockEnd(t.text()))) {
                if (!stops.contains(t.text())) {
                    throw c.at(t, "unexpected \"" + t.text() + "\"");
                }
                c.next();
                return t;
            }
            instruction(c);
        }
        return null;
    }

    private static boolean isBlockEnd(String kw) {
        return kw.equals("end") || kw.equals("else") || kw.equals("catch") || kw.equals("catch_all")
                || kw.equals("delegate");
    }

    private void instruction(Cursor c) {
        if (c.peek() instanceof SExpr.Group g) {
            c.next();
            folded(c, g);
            return;
        }
        Token t = c.atom("an instruction");
        Instructions.Instr in = t.kind() == Token.Kind.KEYWORD ? Instructions.lookup(t.text()) : null;
        if (in == null) {
            throw c.at(t, "unknown operator " + t);
        }
        switch (in.imm()) {
            case BLOCK, LOOP -> {
                String label = c.optId();
                mark(t);
                opcode(in);
                blockType(c);
                enter(label);
                endBlock(c, label, plainUntil(c, Set.of("end")), t);
            }
            case IF -> {
                String label = c.optId();
                mark(t);
                opcode(in);
                blockType(c);
                enter(label);
                Token stop = plainUntil(c, Set.of("else", "end"));
                if (stop != null && stop.text().equals("else")) {
                    checkLabel(c, label);
                    int at = out.size();
                    out.u8(0x05);
                    stop = plainUntil(c, Set.of("end"));
                    dropEmptyElse(at);
                }
                endBlock(c, label, stop, t);
            }
            case TRY_TABLE -> {
                String label = c.optId();
                mark(t);
                opcode(in);
                blockType(c);
                catchClauses(c);
                enter(label);
                endBlock(c, label, plainUntil(c, Set.of("end")), t);
            }
            case TRY -> plainTry(c, t, in);
            default -> {
                mark(t);
                immediates.encode(in, c, out);
            }
        }
    }

    /** An empty {@code else} means nothing; wat2wasm leaves it out, and so do we. */
    private void dropEmptyElse(int elseAt) {
        if (out.size() == elseAt + 1) {
            out.truncate(elseAt);
        }
    }

    private void endBlock(Cursor c, String label, Token stop, Token opener) {
        if (stop == null) {
            throw c.at(opener, "expected \"end\" to close this \"" + opener.text() + "\"");
        }
        checkLabel(c, label);
        labels.remove(labels.size() - 1);
        out.u8(0x0B);
    }

    /** An optional label after {@code end}/{@code else} must repeat the block's. */
    private void checkLabel(Cursor c, String label) {
        Token t = c.peekAtom();
        if (t != null && t.kind() == Token.Kind.ID) {
            c.next();
            if (!t.idName().equals(label)) {
                throw c.at(t, "mismatching label " + t.text());
            }
        }
    }

    private void enter(String label) {
        if (label != null) {
            labelNames.add(new FunctionCode.LabelName(blockCount, label));
        }
        blockCount++;
        labels.add(label);
    }

    private void plainTry(Cursor c, Token t, Instructions.Instr in) {
        String label = c.optId();
        mark(t);
        opcode(in);
        blockType(c);
        enter(label);
        Token stop = plainUntil(c, Set.of("catch", "catch_all", "delegate", "end"));
        while (stop != null && (stop.text().equals("catch") || stop.text().equals("catch_all"))) {
            if (stop.text().equals("catch")) {
                out.u8(0x07).u32(module.index(c, module.tags));
            } else {
                out.u8(0x19);
            }
            stop = plainUntil(c, Set.of("catch", "catch_all", "end"));
        }
        if (stop != null && stop.text().equals("delegate")) {
            labels.remove(labels.size() - 1);
            out.u8(0x18).u32(label(c));
            return;
        }
        endBlock(c, label, stop, t);
    }

    private void folded(Cursor outer, SExpr.Group g) {
        String head = g.head();
        Instructions.Instr in = head == null ? null : Instructions.lookup(head);
        Token t = g.items().isEmpty() ? g.open() : g.items().get(0).start();
        if (in == null) {
            throw outer.at(t, head == null ? "expected an instruction" : "unknown operator \"" + head + "\"");
        }
        Cursor c = outer.inside(g);
        switch (in.imm()) {
            case BLOCK, LOOP, TRY_TABLE -> {
                String label = c.optId();
                mark(t);
                opcode(in);
                blockType(c);
                if (in.imm() == Imm.TRY_TABLE) {
                    catchClauses(c);
                }
                enter(label);
                sequence(c);
                labels.remove(labels.size() - 1);
                out.u8(0x0B);
            }
            case IF -> foldedIf(c, t, in);
            case TRY -> foldedTry(c, t, in);
            default -> {
                ByteBuf op = new ByteBuf();
                immediates.encode(in, c, op);
                while (!c.atEnd()) {
                    if (!(c.peek() instanceof SExpr.Group operand)) {
                        throw c.error("a folded operand \"(...)\" or \")\"");
                    }
                    c.next();
                    folded(c, operand);
                }
                mark(t);
                out.append(op);
            }
        }
    }

    private void foldedIf(Cursor c, Token t, Instructions.Instr in) {
        String label = c.optId();
        TypeUse bt = blockTypeUse(c);
        while (c.peek() instanceof SExpr.Group g && !"then".equals(g.head())) {
            c.next();
            folded(c, g);
        }
        SExpr.Group then = c.group("then");
        mark(t);
        opcode(in);
        encodeBlockType(bt);
        enter(label);
        sequence(c.inside(then));
        if (c.isGroup("else")) {
            int at = out.size();
            out.u8(0x05);
            sequence(c.inside(c.group("else")));
            dropEmptyElse(at);
        }
        c.end("the if");
        labels.remove(labels.size() - 1);
        out.u8(0x0B);
    }

    private void foldedTry(Cursor c, Token t, Instructions.Instr in) {
        String label = c.optId();
        mark(t);
        opcode(in);
        blockType(c);
        enter(label);
        sequence(c.inside(c.group("do")));
        boolean handlers = false;
        while (c.isGroup("catch")) {
            Cursor k = c.inside(c.group("catch"));
            out.u8(0x07).u32(module.index(k, module.tags));
            sequence(k);
            handlers = true;
        }
        if (c.isGroup("catch_all")) {
            out.u8(0x19);
            sequence(c.inside(c.group("catch_all")));
            handlers = true;
        }
        // A try either catches or delegates, never both.
        if (!handlers && c.isGroup("delegate")) {
            Cursor d = c.inside(c.group("delegate"));
            labels.remove(labels.size() - 1);
            out.u8(0x18).u32(label(d));
            d.end("the delegate");
            c.end("the try");
            return;
        }
        c.end("the try");
        labels.remove(labels.size() - 1);
        out.u8(0x0B);
    }

    /** {@code (catch $tag $l)}, {@code (catch_ref $tag $l)}, {@code (catch_all $l)}, {@code (catch_all_ref $l)}. */
    private void catchClauses(Cursor c) {
        List<byte[]> clauses = new ArrayList<>();
        while (c.peek() instanceof SExpr.Group g && g.head() != null && g.head().startsWith("catch")) {
            c.next();
            Cursor k = c.inside(g);
            ByteBuf b = new ByteBuf();
            switch (g.head()) {
                case "catch" -> b.u8(0).u32(module.index(k, module.tags)).u32(label(k));
                case "catch_ref" -> b.u8(1).u32(module.index(k, module.tags)).u32(label(k));
                case "catch_all" -> b.u8(2).u32(label(k));
                case "catch_all_ref" -> b.u8(3).u32(label(k));
                default -> throw c.at(g.open(), "unknown catch clause " + g.head());
            }
            k.end("the catch clause");
            clauses.add(b.toArray());
        }
        out.u32(clauses.size());
        clauses.forEach(out::bytes);
    }

    /** {@code (type x)? (param t*)* (result t*)*}, or {@code null} for none. */
    private TypeUse blockTypeUse(Cursor c) {
        if (!c.isGroup("type") && !c.isGroup("param") && !c.isGroup("result")) {
            return null;
        }
        return TypeUse.parse(module, types, c, false);
    }

    /** Empty, one value type, or a type index. */
    private void encodeBlockType(TypeUse use) {
        if (use == null) {
            out.u8(0x40);
            return;
        }
        TypeDef.Sig sig = use.explicit() == null ? use.sig() : module.sigOf(use.explicit());
        if (sig != null && sig.params().isEmpty() && sig.results().size() <= 1
                && (use.explicit() == null || module.typeDefs.get(use.explicit()).plain())) {
            // (type x) of a plain [] -> [t?] type is written in the short form, as wat2wasm does: the same block type.
            if (use.explicit() != null && use.inline() && !sig.equals(use.sig())) {
                use.index(module); // reports the mismatch
            }
            if (sig.results().isEmpty()) {
                out.u8(0x40);
            } else {
                out.bytes(ValueTypes.bytes(sig.results().get(0)));
            }
            return;
        }
        out.s64(use.index(module));
    }

    private void blockType(Cursor c) {
        encodeBlockType(blockTypeUse(c));
    }

    /** A label reference: an id from the innermost block out, or a depth. */
    int label(Cursor c) {
        Token t = c.peekAtom();
        if (t != null && t.kind() == Token.Kind.ID) {
            c.next();
            for (int i = labels.size() - 1; i >= 0; i--) {
                if (t.idName().equals(labels.get(i))) {
                    return labels.size() - 1 - i;
                }
            }
            throw c.at(t, "unknown label " + t.text());
        }
        if (t != null && t.kind() == Token.Kind.RESERVED && Numbers.unsigned(t.text(), 32) != null) {
            c.next();
            return Numbers.unsigned(t.text(), 32).intValue();
        }
        throw c.error("a label");
    }

    boolean isLabel(Cursor c) {
        return TextModule.isIndex(c);
    }

    private void opcode(Instructions.Instr in) {
        if (in.prefix() == 0) {
            out.u8(in.code());
        } else {
            out.u8(in.prefix()).u32(in.code());
        }
    }

    private void mark(Token t) {
        positions.add(out.size());
        positions.add(t.line());
        positions.add(t.column());
    }

    /** A growable int array; positions are stored flat as triples. */
    static final class IntList {
        private int[] a = new int[48];
        private int n;

        void add(int v) {
            if (n == a.length) {
                a = java.util.Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(a, n);
        }
    }
}
