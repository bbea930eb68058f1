package dev.trapdoor.engine.text;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** Reads the immediates of one non-block instruction and writes its opcode and immediates. */
final class Immediates {
    private final TextModule module;
    private final ValueTypes types;
    private final InstructionParser parser;

    Immediates(TextModule module, ValueTypes types, InstructionParser parser) {
        this.module = module;
        this.types = types;
        this.parser = parser;
    }

    void encode(Instructions.Instr in, Cursor c, ByteBuf b) {
        switch (in.imm()) {
            case SELECT -> {
                select(c, b);
                return;
            }
            case REF_TEST -> {
                String rt = types.refType(c);
                b.u8(in.prefix()).u32(in.code() + (ValueTypes.nullable(rt) ? 1 : 0));
                b.bytes(ValueTypes.bytes(ValueTypes.heapOf(rt)));
                return;
            }
            default -> {
            }
        }
        if (in.prefix() == 0) {
            b.u8(in.code());
        } else {
            b.u8(in.prefix()).u32(in.code());
        }
        switch (in.imm()) {
            case NONE -> {
            }
            case LABEL -> b.u32(parser.label(c));
            case LABEL_TABLE -> {
                List<Integer> labels = new ArrayList<>();
                while (parser.isLabel(c)) {
                    labels.add(parser.label(c));
                }
                if (labels.isEmpty()) {
                    throw c.error("a label");
                }
                b.u32(labels.size() - 1);
                labels.forEach(b::u32);
            }
            case FUNC -> b.u32(module.index(c, module.funcs));
            case CALL_INDIRECT -> {
                int table = TextModule.isIndex(c) ? module.index(c, module.tables) : 0;
                TypeUse use = TypeUse.parse(module, types, c, false);
                b.u32(use.index(module)).u32(table);
            }
            case LOCAL -> b.u32(local(c));
            case GLOBAL -> b.u32(module.index(c, module.globals));
            case TABLE -> b.u32(TextModule.isIndex(c) ? module.index(c, module.tables) : 0);
            case MEMORY -> b.u32(TextModule.isIndex(c) ? module.index(c, module.memories) : 0);
            case MEMARG -> memarg(in, c, b, TextModule.isIndex(c) ? module.index(c, module.memories) : 0);
            case MEMARG_LANE -> {
                int memory = 0;
                Token second = c.peekSecond() instanceof SExpr.Atom a ? a.token() : null;
                if (c.isKind(Token.Kind.ID) || (TextModule.isIndex(c) && second != null
                        && (second.kind() == Token.Kind.RESERVED || second.text().startsWith("offset=")
                        || second.text().startsWith("align=")))) {
                    memory = module.index(c, module.memories);
                }
                memarg(in, c, b, memory);
                b.u8(lane(c));
            }
            case I32 -> b.s32((int) integer(c, 32, "an i32 literal"));
            case I64 -> b.s64(integer(c, 64, "an i64 literal"));
            case F32 -> b.f32(f32(c));
            case F64 -> b.f64(f64(c));
            case HEAP_TYPE -> b.bytes(ValueTypes.bytes(types.heapType(c)));
            case DATA_MEMORY -> {
                module.usesDataCount = true;
                int first = module.index(c, TextModule.isIndex(c.afterNext()) ? module.memories : module.datas);
                if (TextModule.isIndex(c)) {
                    b.u32(module.index(c, module.datas)).u32(first);
                } else {
                    b.u32(first).u32(0);
                }
            }
            case DATA -> {
                module.usesDataCount = true;
                b.u32(module.index(c, module.datas));
            }
            case MEMORY_MEMORY -> {
                if (TextModule.isIndex(c)) {
                    int dst = module.index(c, module.memories);
                    b.u32(dst).u32(module.index(c, module.memories));
                } else {
                    b.u32(0).u32(0);
                }
            }
            case ELEM_TABLE -> {
                boolean twoIndices = TextModule.isIndex(c.afterNext());
                int table = twoIndices ? module.index(c, module.tables) : 0;
                b.u32(module.index(c, module.elems)).u32(table);
            }
            case ELEM -> b.u32(module.index(c, module.elems));
            case TABLE_TABLE -> {
                if (TextModule.isIndex(c)) {
                    int dst = module.index(c, module.tables);
                    b.u32(dst).u32(module.index(c, module.tables));
                } else {
                    b.u32(0).u32(0);
                }
            }
            case V128_CONST -> v128(c, b);
            case SHUFFLE -> {
                for (int i = 0; i < 16; i++) {
                    b.u8(lane(c));
                }
            }
            case LANE -> b.u8(lane(c));
            case TYPE -> b.u32(module.index(c, module.types));
            case TYPE_FIELD -> {
                int type = module.index(c, module.types);
                b.u32(type).u32(field(c, type));
            }
            case TYPE_COUNT -> b.u32(module.index(c, module.types)).u32(u32(c, "a count"));
            case TYPE_DATA -> {
                // array.new_data and array.init_data name data segments in code, as memory.init does.
                module.usesDataCount = true;
                b.u32(module.index(c, module.types)).u32(module.index(c, module.datas));
            }
            case TYPE_ELEM -> b.u32(module.index(c, module.types)).u32(module.index(c, module.elems));
            case TYPE_TYPE -> b.u32(module.index(c, module.types)).u32(module.index(c, module.types));
            case BR_ON_CAST -> {
                int label = parser.label(c);
                String from = types.refType(c);
                String to = types.refType(c);
                b.u8((ValueTypes.nullable(from) ? 1 : 0) | (ValueTypes.nullable(to) ? 2 : 0)).u32(label);
                b.bytes(ValueTypes.bytes(ValueTypes.heapOf(from))).bytes(ValueTypes.bytes(ValueTypes.heapOf(to)));
            }
            case TAG -> b.u32(module.index(c, module.tags));
            default -> throw c.error("an instruction of another shape (" + in.imm() + ")");
        }
    }

    private void select(Cursor c, ByteBuf b) {
        List<String> results = new ArrayList<>();
        boolean typed = false;
        while (c.isGroup("result")) {
            typed = true;
            Cursor in = c.inside(c.group("result"));
            while (!in.atEnd()) {
                results.add(types.valType(in));
            }
        }
        if (!typed) {
            b.u8(0x1B);
            return;
        }
        b.u8(0x1C);
        TextModule.vector(b, results);
    }

    private int local(Cursor c) {
        IndexSpace locals = parser.locals();
        Token t = c.peekAtom();
        if (t != null && t.kind() == Token.Kind.ID) {
            c.next();
            Integer i = locals == null ? null : locals.lookup(t.idName());
            if (i == null) {
                throw c.at(t, "unknown local " + t.text());
            }
            return i;
        }
        return u32(c, "a local index");
    }

    private int field(Cursor c, int type) {
        Token t = c.peekAtom();
        if (t != null && t.kind() == Token.Kind.ID) {
            c.next();
            List<String> names = type >= 0 && type < module.typeDefs.size()
                    ? module.typeDefs.get(type).fieldNames() : List.of();
            int i = names.indexOf(t.idName());
            if (i < 0) {
                throw c.at(t, "unknown field " + t.text());
            }
            return i;
        }
        return u32(c, "a field index");
    }

    private void memarg(Instructions.Instr in, Cursor c, ByteBuf b, int memory) {
        BigInteger offset = BigInteger.ZERO;
        int align = Instructions.naturalAlignment(in.name());
        Token t = c.peekAtom();
        if (t != null && t.kind() == Token.Kind.KEYWORD && t.text().startsWith("offset=")) {
            c.next();
            // u64 for either address type, as 3.0 reads it: the validator bounds a 32-bit memory's offset.
            offset = Numbers.unsigned(t.text().substring(7), 64);
            if (offset == null) {
                throw c.at(t, "offset out of range or malformed: " + t.text());
            }
            t = c.peekAtom();
        }
        int log2 = Integer.numberOfTrailingZeros(align);
        if (t != null && t.kind() == Token.Kind.KEYWORD && t.text().startsWith("align=")) {
            c.next();
            // Any power of two up to 2^63 reads; the validator rejects one larger than the access.
            BigInteger a = Numbers.unsigned(t.text().substring(6), 64);
            if (a == null || a.signum() == 0 || a.bitCount() != 1) {
                throw c.at(t, "alignment must be a power of two: " + t.text());
            }
            log2 = a.getLowestSetBit();
        }
        if (memory != 0) {
            b.u32(log2 | 0x40).u32(memory);
        } else {
            b.u32(log2);
        }
        b.u64(offset.longValue());
    }

    private int lane(Cursor c) {
        Token t = c.atom("a lane index");
        BigInteger v = Numbers.unsigned(t.text(), 8);
        if (t.kind() != Token.Kind.RESERVED || v == null) {
            throw c.at(t, "expected a lane index (0-255), found " + t);
        }
        return v.intValue();
    }

    private static int u32(Cursor c, String what) {
        Token t = c.atom(what);
        BigInteger v = t.kind() == Token.Kind.RESERVED ? Numbers.unsigned(t.text(), 32) : null;
        if (v == null) {
            throw c.at(t, "expected " + what + ", found " + t);
        }
        return v.intValue();
    }

    static long integer(Cursor c, int bits, String what) {
        Token t = c.atom(what);
        Long v = t.kind() == Token.Kind.RESERVED ? Numbers.bits(t.text(), bits) : null;
        if (v == null) {
            throw c.at(t, (Numbers.looksNumeric(t.text()) ? "constant out of range: " : "expected " + what
                    + ", found ") + t);
        }
        return v;
    }

    static int f32(Cursor c) {
        Token t = c.atom("an f32 literal");
        Integer v = t.kind() != Token.Kind.STRING ? Numbers.f32(t.text()) : null;
        if (v == null) {
            throw c.at(t, (Numbers.looksNumeric(t.text()) ? "constant out of range: "
                    : "expected an f32 literal, found ") + t);
        }
        return v;
    }

    static long f64(Cursor c) {
        Token t = c.atom("an f64 literal");
        Long v = t.kind() != Token.Kind.STRING ? Numbers.f64(t.text()) : null;
        if (v == null) {
            throw c.at(t, (Numbers.looksNumeric(t.text()) ? "constant out of range: "
                    : "expected an f64 literal, found ") + t);
        }
        return v;
    }

    static void v128(Cursor c, ByteBuf b) {
        Token shape = c.atom(Token.Kind.KEYWORD, "a v128 shape (i8x16, i16x8, i32x4, i64x2, f32x4, f64x2)");
        switch (shape.text()) {
            case "i8x16" -> lanes(c, b, 16, 8);
            case "i16x8" -> lanes(c, b, 8, 16);
            case "i32x4" -> lanes(c, b, 4, 32);
            case "i64x2" -> lanes(c, b, 2, 64);
            case "f32x4" -> {
                for (int i = 0; i < 4; i++) {
                    b.f32(f32(c));
                }
            }
            case "f64x2" -> {
                for (int i = 0; i < 2; i++) {
                    b.f64(f64(c));
                }
            }
            default -> throw c.at(shape, "unknown v128 shape " + shape);
        }
    }

    private static void lanes(Cursor c, ByteBuf b, int count, int bits) {
        for (int i = 0; i < count; i++) {
            long v = integer(c, bits, "an i" + bits + " lane");
            for (int k = 0; k < bits / 8; k++) {
                b.u8((int) (v >>> (8 * k)));
            }
        }
    }
}
