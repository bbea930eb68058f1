package dev.trapdoor.engine.names;

import java.util.ArrayList;
import java.util.List;

/**
 * The Itanium C++ ABI's mangling ({@code _Z…}), printed as {@code llvm-cxxfilt} prints it. A recursive-descent
 * parser over the grammar of the ABI document, section 5.1; {@link Demangle.Failed} for anything it does not cover,
 * and the caller keeps the symbol as it was.
 */
final class ItaniumDemangler extends Cursor {
    /** What a parsed name tells the encoding around it. */
    private record Name(Ty ty, boolean templated, boolean ctorDtorConv, String quals) {
    }

    private final List<Ty> subs = new ArrayList<>();
    private List<Ty> templateArgs = new ArrayList<>();
    /** How many types are being parsed around the current position; template arguments of names inside a type
     * do not become what {@code T_} refers to. */
    private int typeDepth;
    /** Set by {@link #unqualifiedName} for {@code cv}: a conversion operator has no return type. */
    private boolean isConversion;

    private ItaniumDemangler(String s) {
        super(s);
    }

    static String demangle(String symbol) {
        ItaniumDemangler d = new ItaniumDemangler(symbol);
        d.expect("_Z");
        String text = d.encoding(true);
        if (d.pos < d.s.length()) {
            if (d.s.charAt(d.pos) != '.') {
                throw new Demangle.Failed();
            }
            text += " (" + d.s.substring(d.pos) + ")"; // clone suffixes: .cold, .constprop.0, .llvm.123
        }
        return text;
    }

    // ---- encodings and special names

    private String encoding(boolean top) {
        if (peek() == 'T' || (peek() == 'G' && "VRTH".indexOf(peek(1)) >= 0 && peek(1) != 'T')) {
            return specialName();
        }
        Name name = name();
        if (atEnd() || peek() == 'E' || peek() == '.') {
            return name.ty.text();
        }
        if (name.templated && !name.ctorDtorConv) {
            // A return type with a declarator part wraps the signature: int (*f<int>())(char)
            Ty r = type();
            String params = params();
            return r.left() + (r.right().isEmpty() ? " " : "") + name.ty.text() + params + r.right() + name.quals;
        }
        return name.ty.text() + params() + name.quals;
    }

    private String params() {
        List<String> out = new ArrayList<>();
        if (peek() == 'v' && (pos + 1 == s.length() || peek(1) == '.' || peek(1) == 'E')) {
            pos++;
            return "()";
        }
        while (!atEnd() && peek() != 'E' && peek() != '.') {
            addFlattened(out, type());
        }
        return "(" + String.join(", ", out) + ")";
    }

    private String specialName() {
        if (eat("TV")) {
            return "vtable for " + type().text();
        }
        if (eat("TT")) {
            return "VTT for " + type().text();
        }
        if (eat("TI")) {
            return "typeinfo for " + type().text();
        }
        if (eat("TS")) {
            return "typeinfo name for " + type().text();
        }
        if (eat("Th")) {
            callOffsetRest('h');
            return "non-virtual thunk to " + encoding(false);
        }
        if (eat("Tv")) {
            callOffsetRest('v');
            return "virtual thunk to " + encoding(false);
        }
        if (eat("Tc")) {
            callOffset();
            callOffset();
            return "covariant return thunk to " + encoding(false);
        }
        if (eat("TC")) {
            Ty derived = type();
            number();
            expect("_");
            Ty base = type();
            return "construction vtable for " + base.text() + "-in-" + derived.text();
        }
        if (eat("TW")) {
            return "thread-local wrapper routine for " + name().ty.text();
        }
        if (eat("TH")) {
            return "thread-local initialization routine for " + name().ty.text();
        }
        if (eat("GV")) {
            return "guard variable for " + name().ty.text();
        }
        if (eat("GR")) {
            String n = name().ty.text();
            if (peek() != '_') {
                seqId();
            }
            expect("_");
            return "reference temporary for " + n;
        }
        throw new Demangle.Failed();
    }

    private void callOffset() {
        char c = next();
        callOffsetRest(c);
    }

    private void callOffsetRest(char kind) {
        eat("n");
        number();
        expect("_");
        if (kind == 'v') {
            eat("n");
            number();
            expect("_");
        } else if (kind != 'h') {
            throw new Demangle.Failed();
        }
    }

    // ---- names

    private Name name() {
        char c = peek();
        if (c == 'N') {
            return nestedName();
        }
        if (c == 'Z') {
            return localName();
        }
        Ty base;
        boolean stdPrefix = eat("St");
        if (!stdPrefix && c == 'S') {
            base = substitution();
            if (peek() != 'I') {
                throw new Demangle.Failed(); // a substitution alone is a type, not an unscoped name
            }
        } else {
            String un = unqualifiedName();
            base = Ty.plain((stdPrefix ? "std::" : "") + un);
        }
        if (peek() == 'I') {
            subs.add(base);
            List<Ty> args = templateArgs();
            if (typeDepth == 0) {
                    templateArgs = args; // T_ in the signature names the function's own arguments
                }
            return new Name(Ty.plain(base.text() + printArgs(args)), true, false, "");
        }
        return new Name(base, false, isConversion, "");
    }

    private Name nestedName() {
        expect("N");
        String quals = cvQualifiers();
        if (eat("R")) {
            quals += " &";
        } else if (eat("O")) {
            quals += " &&";
        }
        String soFar = null;
        boolean templated = false;
        boolean ctorDtorConv = false;
        String ctorName = "";
        String fullSpecial = null;
        while (!eat("E")) {
            if (peek() != 'I') {
                templated = false;
                ctorDtorConv = false; // a templated constructor stays a constructor: no return type
            }
            isConversion = false;
            if (peek() == 'S' && peek(1) == 't') {
                pos += 2;
                soFar = join(soFar, "std");
                continue;
            }
            if (peek() == 'S') {
                fullSpecial = Builtins.fullSpecialSubstitution(peek(1));
                Ty sub = substitution();
                soFar = join(soFar, sub.text());
                ctorName = lastComponent(sub.text());
                continue;
            }
            if (peek() == 'T') {
                Ty param = templateParam();
                ctorName = lastComponent(param.text());
                fullSpecial = null;
                soFar = join(soFar, param.text());
                subs.add(Ty.plain(soFar));
                continue;
            }
            if (peek() == 'I') {
                if (soFar == null) {
                    throw new Demangle.Failed();
                }
                List<Ty> args = templateArgs();
                if (typeDepth == 0) {
                    templateArgs = args; // T_ in the signature names the function's own arguments
                }
                soFar = soFar + printArgs(args);
                templated = true;
                subs.add(Ty.plain(soFar));
                continue;
            }
            if (peek() == 'C' || (peek() == 'D' && "012".indexOf(peek(1)) >= 0)) {
                boolean dtor = next() == 'D';
                if (!dtor && peek() == 'I') {
                    pos++; // inheriting constructor: CI1 <base class type>
                    next();
                    type();
                } else {
                    next();
                }
                String plain = fullSpecial != null ? lastComponent(fullSpecial) : ctorName;
                int tag = plain.indexOf("[abi:");
                plain = tag > 0 ? plain.substring(0, tag) : plain; // the class's ABI tag is not the ctor's
                soFar = join(fullSpecial != null ? fullSpecial : soFar, (dtor ? "~" : "") + plain);
                fullSpecial = null;
                ctorDtorConv = true;
                subs.add(Ty.plain(soFar));
                continue;
            }
            if (peek() == 'L') {
                pos++;
            }
            String un = unqualifiedName();
            fullSpecial = null;
            ctorName = un;
            ctorDtorConv = isConversion;
            soFar = join(soFar, un);
            subs.add(Ty.plain(soFar));
        }
        if (soFar == null || subs.isEmpty()) {
            throw new Demangle.Failed();
        }
        subs.remove(subs.size() - 1);
        return new Name(Ty.plain(soFar), templated, ctorDtorConv, quals);
    }

    /** The unqualified name without template arguments: {@code std::vector<int>} is {@code vector}. */
    private static String lastComponent(String text) {
        int depth = 0;
        int end = text.length();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '<' && depth++ == 0 && i > 0) {
                end = Math.min(end, i);
            } else if (c == '>') {
                depth--;
            } else if (depth == 0 && c == ':' && i + 1 < text.length() && text.charAt(i + 1) == ':') {
                start = i + 2;
                end = text.length();
            }
        }
        return text.substring(start, Math.max(start, Math.min(end, text.length())));
    }

    private static String join(String prefix, String name) {
        return prefix == null ? name : prefix + "::" + name;
    }

    private Name localName() {
        expect("Z");
        List<Ty> saved = templateArgs;
        String function = encoding(false);
        templateArgs = saved;
        expect("E");
        if (eat("s")) {
            discriminator();
            return new Name(Ty.plain(function + "::string literal"), false, false, "");
        }
        if (eat("d")) {
            if (peek() != '_') {
                number();
            }
            expect("_");
        }
        Name entity = name();
        discriminator();
        return new Name(Ty.plain(function + "::" + entity.ty.text()), entity.templated, entity.ctorDtorConv,
                entity.quals);
    }

    private void discriminator() {
        if (peek() == '_') {
            pos++;
            if (eat("_")) {
                number();
                expect("_");
            } else if (Character.isDigit(peek())) {
                pos++;
            }
        }
    }

    private String unqualifiedName() {
        isConversion = false;
        char c = peek();
        String name;
        if (Character.isDigit(c)) {
            name = sourceName();
        } else if (c == 'U') {
            name = unnamedTypeName();
        } else if (c == 'D' && peek(1) == 'C') {
            pos += 2;
            List<String> bindings = new ArrayList<>();
            while (!eat("E")) {
                bindings.add(sourceName());
            }
            name = "[" + String.join(", ", bindings) + "]";
        } else if (Character.isLowerCase(c)) {
            name = operatorName();
        } else {
            throw new Demangle.Failed();
        }
        while (peek() == 'B') {
            pos++;
            name += "[abi:" + sourceName() + "]";
        }
        return name;
    }

    private String unnamedTypeName() {
        if (eat("Ut")) {
            String n = peek() == '_' ? "" : Integer.toString(number());
            expect("_");
            return "'unnamed" + n + "'";
        }
        if (eat("Ul")) {
            List<String> params = new ArrayList<>();
            if (!(peek() == 'v' && peek(1) == 'E')) {
                while (peek() != 'E') {
                    addFlattened(params, type());
                }
            } else {
                pos++;
            }
            expect("E");
            String n = peek() == '_' ? "" : Integer.toString(number());
            expect("_");
            return "'lambda" + n + "'(" + String.join(", ", params) + ")";
        }
        throw new Demangle.Failed();
    }

    private String sourceName() {
        int len = number();
        if (len <= 0 || pos + len > s.length()) {
            throw new Demangle.Failed();
        }
        String id = s.substring(pos, pos + len);
        pos += len;
        return id.startsWith("_GLOBAL__N") ? "(anonymous namespace)" : id;
    }

    private String operatorName() {
        String code = s.length() >= pos + 2 ? s.substring(pos, pos + 2) : "";
        if (code.equals("cv")) {
            pos += 2;
            isConversion = true;
            return "operator " + type().text();
        }
        if (code.equals("li")) {
            pos += 2;
            return "operator\"\" " + sourceName();
        }
        String op = Operators.name(code);
        if (op == null) {
            throw new Demangle.Failed();
        }
        pos += 2;
        return "operator" + (Character.isLetter(op.charAt(0)) ? " " : "") + op;
    }

    // ---- template arguments and parameters

    private List<Ty> templateArgs() {
        expect("I");
        List<Ty> args = new ArrayList<>();
        while (!eat("E")) {
            args.add(templateArg());
        }
        return args;
    }

    private Ty templateArg() {
        char c = peek();
        if (c == 'L') {
            return literal();
        }
        if (c == 'J') {
            pos++;
            List<Ty> pack = new ArrayList<>();
            while (!eat("E")) {
                pack.add(templateArg());
            }
            return new Ty("", "", Ty.Kind.PLAIN, pack);
        }
        if (c == 'X') {
            throw new Demangle.Failed(); // expressions are not covered
        }
        return type();
    }

    private Ty literal() {
        expect("L");
        if (peek() == '_' && peek(1) == 'Z') {
            pos += 2;
            String entity = encoding(false);
            expect("E");
            return Ty.plain(entity);
        }
        if (eat("DnE")) {
            return Ty.plain("nullptr");
        }
        Ty t = type();
        boolean negative = eat("n");
        int start = pos;
        while (!atEnd() && peek() != 'E') {
            pos++;
        }
        String value = (negative ? "-" : "") + s.substring(start, pos);
        expect("E");
        return Ty.plain(switch (t.text()) {
            case "bool" -> value.equals("0") ? "false" : value.equals("1") ? "true" : "(bool)" + value;
            case "int" -> value;
            case "unsigned int" -> value + "u";
            case "long" -> value + "l";
            case "unsigned long" -> value + "ul";
            case "long long" -> value + "ll";
            case "unsigned long long" -> value + "ull";
            default -> "(" + t.text() + ")" + value;
        });
    }

    private Ty templateParam() {
        expect("T");
        int index = peek() == '_' ? 0 : number() + 1;
        expect("_");
        if (index >= templateArgs.size()) {
            throw new Demangle.Failed();
        }
        return templateArgs.get(index);
    }

    static String printArgs(List<Ty> args) {
        List<String> out = new ArrayList<>();
        for (Ty a : args) {
            addFlattened(out, a);
        }
        String inner = String.join(", ", out);
        return "<" + inner + (inner.endsWith(">") ? " >" : ">");
    }

    private static void addFlattened(List<String> out, Ty t) {
        if (t.isPack()) {
            for (Ty e : t.pack()) {
                addFlattened(out, e);
            }
        } else {
            out.add(t.text());
        }
    }

    // ---- types

    private Ty type() {
        typeDepth++;
        try {
            return typeInner();
        } finally {
            typeDepth--;
        }
    }

    private Ty typeInner() {
        char c = peek();
        Ty builtin = Builtins.of(this, c);
        if (builtin != null) {
            return builtin;
        }
        Ty t;
        switch (c) {
            case 'K', 'V', 'r' -> {
                String quals = cvQualifiers();
                Ty inner = type();
                t = map(inner, e -> switch (e.kind()) {
                    case FUNCTION -> new Ty(e.left(), e.right() + quals, e.kind(), null);
                    case ARRAY -> new Ty(e.left() + quals, e.right(), e.kind(), null); // const applies to elements
                    case LREF, RREF -> e; // a reference cannot be cv-qualified
                    default -> new Ty(e.left() + quals, e.right(), Ty.Kind.PLAIN, null);
                });
            }
            case 'P' -> {
                pos++;
                t = map(type(), e -> wrap(e, "*"));
            }
            case 'R' -> {
                pos++;
                t = map(type(), e -> wrap(e, "&"));
            }
            case 'O' -> {
                pos++;
                t = map(type(), e -> wrap(e, "&&"));
            }
            case 'F' -> t = functionType();
            case 'A' -> t = arrayType();
            case 'M' -> {
                pos++;
                Ty cls = type();
                Ty member = type();
                boolean paren = member.kind() == Ty.Kind.FUNCTION || member.kind() == Ty.Kind.ARRAY;
                t = new Ty(member.left() + (paren ? "(" : " ") + cls.text() + "::*",
                        (paren ? ")" : "") + member.right(), Ty.Kind.PLAIN, null);
            }
            case 'T' -> {
                t = templateParam();
                if (peek() == 'I') {
                    subs.add(t);
                    List<Ty> args = templateArgs();
                    t = Ty.plain(t.text() + printArgs(args));
                }
            }
            case 'S' -> {
                if (peek(1) == 't') {
                    t = Ty.plain(name().ty.text());
                } else {
                    t = substitution();
                    if (peek() == 'I') {
                        List<Ty> args = templateArgs();
                        t = Ty.plain(t.text() + printArgs(args));
                    } else {
                        return t; // a substitution is not a new candidate
                    }
                }
            }
            case 'D' -> t = dType();
            case 'U' -> {
                pos++;
                String vendor = sourceName();
                t = map(type(), e -> new Ty(e.left() + " " + vendor, e.right(), Ty.Kind.PLAIN, null));
            }
            default -> {
                if (Character.isDigit(c) || c == 'N' || c == 'Z') {
                    t = Ty.plain(name().ty.text());
                } else {
                    throw new Demangle.Failed();
                }
            }
        }
        subs.add(t);
        return t;
    }

    private static Ty wrap(Ty e, String decl) {
        boolean ref = decl.startsWith("&");
        if (ref && e.kind() == Ty.Kind.LREF) {
            return e; // reference collapsing: T& & and T& && are T&
        }
        if (ref && e.kind() == Ty.Kind.RREF) {
            return decl.equals("&&") ? e
                    : new Ty(e.left().substring(0, e.left().length() - 1), e.right(), Ty.Kind.LREF, null);
        }
        Ty.Kind kind = decl.equals("&") ? Ty.Kind.LREF : decl.equals("&&") ? Ty.Kind.RREF : Ty.Kind.PLAIN;
        if (e.kind() == Ty.Kind.FUNCTION || e.kind() == Ty.Kind.ARRAY) {
            return new Ty(e.left() + (e.kind() == Ty.Kind.ARRAY ? " " : "") + "(" + decl, ")" + e.right(),
                    kind, null);
        }
        return new Ty(e.left() + decl, e.right(), kind, null);
    }

    private static Ty map(Ty t, java.util.function.UnaryOperator<Ty> f) {
        if (!t.isPack()) {
            return f.apply(t);
        }
        List<Ty> out = new ArrayList<>();
        for (Ty e : t.pack()) {
            out.add(map(e, f));
        }
        return new Ty("", "", Ty.Kind.PLAIN, out);
    }

    private Ty functionType() {
        expect("F");
        eat("Y");
        Ty ret = type();
        List<String> params = new ArrayList<>();
        if (peek() == 'v' && peek(1) == 'E') {
            pos++;
        }
        while (peek() != 'E' && !(peek() == 'R' && peek(1) == 'E') && !(peek() == 'O' && peek(1) == 'E')) {
            addFlattened(params, type());
        }
        String ref = eat("RE") ? " &" : eat("OE") ? " &&" : "";
        if (ref.isEmpty()) {
            expect("E");
        }
        return new Ty(ret.left() + " ", "(" + String.join(", ", params) + ")" + ref + ret.right(),
                Ty.Kind.FUNCTION, null);
    }

    private Ty arrayType() {
        expect("A");
        String dim = "";
        if (Character.isDigit(peek())) {
            dim = Integer.toString(number());
        } else if (peek() != '_') {
            throw new Demangle.Failed();
        }
        expect("_");
        Ty elem = type();
        // int [2][3]: one space before the first bracket only
        String inner = elem.kind() == Ty.Kind.ARRAY ? elem.right().substring(1) : elem.right();
        return new Ty(elem.left(), " [" + dim + "]" + inner, Ty.Kind.ARRAY, null);
    }

    private Ty dType() {
        if (eat("Dp")) {
            Ty t = type();
            return t; // a pack expansion prints as its elements
        }
        if (eat("Dv")) {
            int n = number();
            expect("_");
            Ty elem = type();
            return Ty.plain(elem.text() + " vector[" + n + "]");
        }
        if (peek(1) == 't' || peek(1) == 'T') {
            throw new Demangle.Failed(); // decltype(expression)
        }
        throw new Demangle.Failed();
    }

    private Ty substitution() {
        expect("S");
        char c = peek();
        String special = Builtins.specialSubstitution(c);
        if (special != null) {
            pos++;
            return Ty.plain(special);
        }
        int index = peek() == '_' ? 0 : seqId() + 1;
        expect("_");
        if (index >= subs.size()) {
            throw new Demangle.Failed();
        }
        return subs.get(index);
    }

    String cvQualifiers() {
        StringBuilder q = new StringBuilder();
        boolean restrict = eat("r");
        boolean vol = eat("V");
        boolean konst = eat("K");
        if (konst) {
            q.append(" const");
        }
        if (vol) {
            q.append(" volatile");
        }
        if (restrict) {
            q.append(" restrict");
        }
        return q.toString();
    }
}
