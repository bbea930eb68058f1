package dev.trapdoor.engine.text;

import java.util.ArrayList;
import java.util.List;

/**
 * A type use, {@code (type x)? (param ...)* (result ...)*}, as written; {@link #index} resolves it against the
 * module, appending an implicit function type when no plain one matches.
 *
 * @param explicit   the {@code (type x)} index, or {@code null}
 * @param sig        the inline parameters and results (empty when only {@code (type x)} is given)
 * @param paramNames the inline parameters' names ({@code null} entries when unnamed)
 * @param inline     whether any {@code param} or {@code result} was written
 * @param at         where the type use starts, for errors
 */
record TypeUse(Integer explicit, TypeDef.Sig sig, List<String> paramNames, boolean inline, Token at, String file) {

    static TypeUse parse(TextModule m, ValueTypes vt, Cursor c, boolean namesAllowed) {
        Token at = c.peek() == null ? null : c.peek().start();
        Integer explicit = null;
        if (c.isGroup("type")) {
            Cursor in = c.inside(c.group("type"));
            explicit = m.index(in, m.types);
            in.end("the type use");
        }
        List<String> params = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> results = new ArrayList<>();
        boolean inline = false;
        while (c.isGroup("param")) {
            inline = true;
            Cursor in = c.inside(c.group("param"));
            Token idToken = in.peekAtom();
            String id = in.optId();
            if (id != null) {
                if (!namesAllowed) {
                    throw in.at(idToken, "unexpected parameter name " + idToken.text() + " here");
                }
                params.add(vt.valType(in));
                names.add(id);
                in.end("the named parameter");
            } else {
                while (!in.atEnd()) {
                    params.add(vt.valType(in));
                    names.add(null);
                }
            }
        }
        while (c.isGroup("result")) {
            inline = true;
            Cursor in = c.inside(c.group("result"));
            while (!in.atEnd()) {
                results.add(vt.valType(in));
            }
        }
        return new TypeUse(explicit, new TypeDef.Sig(List.copyOf(params), List.copyOf(results)), names, inline, at,
                c.file());
    }

    int index(TextModule m) {
        if (explicit != null) {
            if (inline && (explicit < 0 || explicit >= m.typeDefs.size())) {
                throw new TextFormatException(file, at.line(), at.column(), "unknown type " + explicit);
            }
            TypeDef.Sig declared = m.sigOf(explicit);
            if (inline && declared != null && !declared.equals(sig)) {
                throw new TextFormatException(file, at.line(), at.column(),
                        "inline function type does not match type " + explicit);
            }
            return explicit;
        }
        return m.funcType(sig);
    }

    /** The parameter count the function's locals start after. */
    int paramCount(TextModule m) {
        if (explicit != null && !inline) {
            TypeDef.Sig declared = m.sigOf(explicit);
            return declared == null ? 0 : declared.params().size();
        }
        return sig.params().size();
    }
}
