package dev.trapdoor.engine.text;

import java.util.List;

/**
 * Entry point of the text format: {@code Wat.compile(file, text)} parses a module and returns its binary encoding
 * (with a {@code name} section) and the positions of its instructions. Only {@link TextFormatException} leaves it
 * for bad input.
 */
public final class Wat {
    private Wat() {
    }

    /** A module's bytes and the text position of each instruction. */
    public record Result(byte[] binary, TextPositions positions) {
    }

    /** A whole text: one {@code (module ...)}, or module fields without the wrapper. */
    public static Result compile(String file, String text) {
        return compile(file, text, true);
    }

    public static Result compile(String file, String text, boolean names) {
        List<SExpr> top = SExprReader.read(file, text);
        if (top.size() == 1 && top.get(0) instanceof SExpr.Group g && "module".equals(g.head())) {
            return module(file, g, names);
        }
        SExpr.Group all = new SExpr.Group(new Token(Token.Kind.LPAREN, "(", null, 1, 1), top, null);
        return fields(file, new Cursor(file, all, 0), null, names);
    }

    /** A {@code (module $id? field*)} list, e.g. from a script. */
    public static Result module(String file, SExpr.Group module, boolean names) {
        Cursor c = new Cursor(file, module, module.headIndex() + 1);
        String id = c.optId();
        return fields(file, c, id, names);
    }

    private static Result fields(String file, Cursor c, String id, boolean names) {
        try {
            TextModule m = ModuleParser.parse(file, c, id);
            BinaryWriter.Output out = BinaryWriter.write(m, names);
            return new Result(out.bytes(), TextPositions.of(file, m.bodies, out.bodyOffsets()));
        } catch (StackOverflowError e) {
            // Folded instructions nest by recursion; absurd nesting is reported, not crashed on.
            throw new TextFormatException(file, 1, 1, "instructions nested too deeply");
        }
    }
}
