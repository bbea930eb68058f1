package dev.trapdoor.engine.spec;

import dev.trapdoor.engine.text.Numbers;
import dev.trapdoor.engine.text.SExpr;
import dev.trapdoor.engine.text.SExprReader;
import dev.trapdoor.engine.text.TextFormatException;
import dev.trapdoor.engine.text.Token;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@code .wast} script into {@link WastCommand}s, all of 3.0's: modules (text, {@code binary},
 * {@code quote}, {@code definition}, {@code instance}), {@code register}, actions and every assertion with its result
 * patterns. Module text is kept as a tree and compiled when the command runs, so a module the text parser rejects
 * fails (or, in {@code assert_malformed}, passes) as that one command.
 */
public final class WastReader {
    private final String file;

    private WastReader(String file) {
        this.file = file;
    }

    public static List<WastCommand> read(Path wast, String displayName) throws IOException {
        String text = SExprReader.decode(displayName, Files.readAllBytes(wast));
        return read(displayName, text);
    }

    public static List<WastCommand> read(String displayName, String text) {
        WastReader r = new WastReader(displayName);
        List<WastCommand> out = new ArrayList<>();
        List<SExpr> top = SExprReader.read(displayName, text);
        if (!top.isEmpty() && top.get(0) instanceof SExpr.Group first && FIELDS.contains(first.head())) {
            // A script may be the fields of one module, without "(module ...)" around them.
            SExpr.Group module = new SExpr.Group(first.open(), moduleItems(first, top), null);
            return List.of(new WastCommand("module", first.items().get(0).start().line(),
                    WastModule.text(displayName, module), null, null, null, List.of(), null));
        }
        for (SExpr e : top) {
            if (e instanceof SExpr.Group a && a.annotation() != null) {
                continue;
            }
            if (!(e instanceof SExpr.Group g) || g.head() == null) {
                throw r.error(e.start(), "expected a script command \"(...)\"");
            }
            out.add(r.command(g));
        }
        return out;
    }

    /** A script may be the fields of one module without {@code (module ...)}: it starts with one of these. */
    private static final java.util.Set<String> FIELDS = java.util.Set.of("type", "rec", "import", "func", "table",
            "memory", "global", "tag", "export", "start", "elem", "data");

    private static List<SExpr> moduleItems(SExpr.Group first, List<SExpr> fields) {
        List<SExpr> items = new ArrayList<>();
        items.add(new SExpr.Atom(new Token(Token.Kind.KEYWORD, "module", null, first.open().line(),
                first.open().column())));
        items.addAll(fields);
        return items;
    }

    private TextFormatException error(Token at, String reason) {
        return new TextFormatException(file, at.line(), at.column(), reason);
    }

    private WastCommand command(SExpr.Group g) {
        List<SExpr> items = items(g);
        // wast2json's lines, which the exclusions use: an assertion's is its module's or action's keyword's line.
        int line = items.get(0).start().line();
        if (head(g).startsWith("assert_") && items.size() > 1 && items.get(1) instanceof SExpr.Group inner
                && !inner.items().isEmpty()) {
            line = inner.items().get(0).start().line();
        }
        String head = g.head();
        switch (head) {
            case "module" -> {
                return moduleCommand(g, line);
            }
            case "register" -> {
                String as = string(items, 1, g);
                String name = items.size() > 2 ? id(items.get(2)) : null;
                return new WastCommand("register", line, null, name, as, null, List.of(), null);
            }
            case "invoke", "get" -> {
                return new WastCommand("action", line, null, null, null, action(g), List.of(), null);
            }
            case "assert_return" -> {
                WastCommand.Action a = action(group(items, 1, g));
                List<WastValue> expected = new ArrayList<>();
                for (int i = 2; i < items.size(); i++) {
                    expected.add(value(group(items, i, g), true));
                }
                return new WastCommand(head, line, null, null, null, a, List.copyOf(expected), null);
            }
            case "assert_trap" -> {
                SExpr.Group target = group(items, 1, g);
                String text = string(items, 2, g);
                if ("module".equals(target.head())) {
                    // A module whose start traps: wast2json's (and the runner's) assert_uninstantiable.
                    return new WastCommand("assert_uninstantiable", line, module(target), null, null, null, List.of(),
                            text);
                }
                return new WastCommand(head, line, null, null, null, action(target), List.of(), text);
            }
            case "assert_exhaustion" -> {
                return new WastCommand(head, line, null, null, null, action(group(items, 1, g)), List.of(),
                        string(items, 2, g));
            }
            case "assert_exception" -> {
                return new WastCommand(head, line, null, null, null, action(group(items, 1, g)), List.of(), null);
            }
            case "assert_malformed_custom", "assert_invalid_custom" -> {
                // The custom annotations' own assertions (custom/): a text module and the expected message.
                return new WastCommand(head, line, module(group(items, 1, g)), null, null, null, List.of(),
                        string(items, 2, g));
            }
            case "assert_malformed", "assert_invalid", "assert_unlinkable", "assert_uninstantiable" -> {
                SExpr.Group m = group(items, 1, g);
                if (!"module".equals(m.head())) {
                    throw error(m.open(), "expected (module ...) in " + head);
                }
                return new WastCommand(head, line, module(m), null, null, null, List.of(), string(items, 2, g));
            }
            default -> throw error(g.open(), "unknown script command \"" + head + "\"");
        }
    }

    private WastCommand moduleCommand(SExpr.Group g, int line) {
        line = g.items().get(0).start().line();
        List<SExpr> items = items(g);
        int i = 1;
        if (keyword(items, i, "definition")) {
            String name = i + 1 < items.size() ? idOrNull(items.get(i + 1)) : null;
            return new WastCommand("module_definition", line, module(g), name, null, null, List.of(), null);
        }
        if (keyword(items, i, "instance")) {
            String instance = i + 1 < items.size() ? idOrNull(items.get(i + 1)) : null;
            String definition = i + 2 < items.size() ? idOrNull(items.get(i + 2)) : null;
            return new WastCommand("module_instance", line, null, instance, definition, null, List.of(), null);
        }
        String name = i < items.size() ? idOrNull(items.get(i)) : null;
        return new WastCommand("module", line, module(g), name, null, null, List.of(), null);
    }

    /** The module of a {@code (module ...)} list: text, binary or quote, with any {@code definition} keyword. */
    private WastModule module(SExpr.Group g) {
        List<SExpr> items = items(g);
        int i = 1;
        boolean definition = keyword(items, i, "definition");
        if (definition) {
            i++;
        }
        if (i < items.size() && idOrNull(items.get(i)) != null) {
            i++;
        }
        if (keyword(items, i, "binary") || keyword(items, i, "quote")) {
            boolean binary = keyword(items, i, "binary");
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (int k = i + 1; k < items.size(); k++) {
                if (!(items.get(k) instanceof SExpr.Atom a) || a.token().kind() != Token.Kind.STRING) {
                    throw error(items.get(k).start(), "expected a string in a " + (binary ? "binary" : "quote")
                            + " module");
                }
                bytes.writeBytes(a.token().bytes());
                if (!binary) {
                    bytes.write(' ');
                }
            }
            return binary ? WastModule.binary(file, bytes.toByteArray())
                    : WastModule.quote(file, bytes.toString(StandardCharsets.UTF_8));
        }
        if (definition) {
            // A text module after "definition": drop the keyword, keep the fields.
            List<SExpr> rest = new ArrayList<>(items);
            rest.remove(1);
            return WastModule.text(file, new SExpr.Group(g.open(), List.copyOf(rest), null));
        }
        return WastModule.text(file, g);
    }

    private WastCommand.Action action(SExpr.Group g) {
        List<SExpr> items = items(g);
        String type = g.head();
        if (!"invoke".equals(type) && !"get".equals(type)) {
            throw error(g.open(), "expected an action (invoke or get)");
        }
        int i = 1;
        String module = null;
        if (i < items.size() && idOrNull(items.get(i)) != null) {
            module = id(items.get(i++));
        }
        String field = string(items, i++, g);
        List<WastValue> args = new ArrayList<>();
        for (; i < items.size(); i++) {
            args.add(value(group(items, i, g), false));
        }
        return new WastCommand.Action(type, module, field, List.copyOf(args));
    }

    /** A constant or, in results, a pattern, in wast2json's form (unsigned decimal bits). */
    private WastValue value(SExpr.Group g, boolean pattern) {
        List<SExpr> items = items(g);
        String head = g.head();
        String arg = items.size() > 1 && items.get(1) instanceof SExpr.Atom a ? a.token().text() : null;
        switch (head) {
            case "i32.const", "i64.const" -> {
                int bits = head.startsWith("i32") ? 32 : 64;
                Long v = arg == null ? null : Numbers.bits(arg, bits);
                if (v == null) {
                    throw error(g.open(), "expected an i" + bits + " literal");
                }
                return new WastValue(head.substring(0, 3), Long.toUnsignedString(bits == 32 ? v & 0xFFFF_FFFFL : v));
            }
            case "f32.const", "f64.const" -> {
                String type = head.substring(0, 3);
                if (pattern && ("nan:canonical".equals(arg) || "nan:arithmetic".equals(arg))) {
                    return new WastValue(type, arg);
                }
                Long bits = arg == null ? null : type.equals("f32")
                        ? (Numbers.f32(arg) == null ? null : Numbers.f32(arg) & 0xFFFF_FFFFL) : Numbers.f64(arg);
                if (bits == null) {
                    throw error(g.open(), "expected an " + type + " literal");
                }
                return new WastValue(type, Long.toUnsignedString(bits));
            }
            case "v128.const" -> {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i < items.size(); i++) {
                    sb.append(i > 1 ? " " : "").append(((SExpr.Atom) items.get(i)).token().text());
                }
                return new WastValue("v128", sb.toString());
            }
            case "ref.null" -> {
                if (arg == null) {
                    return new WastValue("ref.null", null);
                }
                return switch (arg) {
                    case "func", "nofunc" -> new WastValue("funcref", "null");
                    case "extern", "noextern" -> new WastValue("externref", "null");
                    default -> new WastValue("ref.null " + arg, "null");
                };
            }
            case "ref.extern", "ref.host" -> {
                return new WastValue("externref", arg == null ? null : Numbers.bits(arg, 32) == null ? arg
                        : Long.toUnsignedString(Numbers.bits(arg, 32) & 0xFFFF_FFFFL));
            }
            case "ref.func" -> {
                return new WastValue("funcref", arg);
            }
            case "either" -> {
                java.util.List<WastValue> alternatives = new java.util.ArrayList<>();
                for (int i = 1; i < g.items().size(); i++) {
                    if (g.items().get(i) instanceof SExpr.Group alt) {
                        alternatives.add(value(alt, true));
                    }
                }
                return new WastValue("either", (g.items().size() - 1) + " alternatives", alternatives);
            }
            default -> {
                if (pattern && head.startsWith("ref.")) {
                    return new WastValue(head, arg);
                }
                throw error(g.open(), "unknown " + (pattern ? "result" : "argument") + " \"" + head + "\"");
            }
        }
    }

    private static String head(SExpr.Group g) {
        return g.head();
    }

    private static List<SExpr> items(SExpr.Group g) {
        return g.items().stream().filter(e -> !(e instanceof SExpr.Group a && a.annotation() != null)).toList();
    }

    private static boolean keyword(List<SExpr> items, int i, String kw) {
        return i < items.size() && items.get(i) instanceof SExpr.Atom a && a.token().kind() == Token.Kind.KEYWORD
                && a.token().text().equals(kw);
    }

    private static String idOrNull(SExpr e) {
        return e instanceof SExpr.Atom a && a.token().kind() == Token.Kind.ID ? a.token().text() : null;
    }

    private String id(SExpr e) {
        String id = idOrNull(e);
        if (id == null) {
            throw error(e.start(), "expected a module name $id");
        }
        return id;
    }

    private String string(List<SExpr> items, int i, SExpr.Group g) {
        if (i >= items.size() || !(items.get(i) instanceof SExpr.Atom a) || a.token().kind() != Token.Kind.STRING) {
            throw error(i < items.size() ? items.get(i).start() : g.open(), "expected a string");
        }
        return new String(a.token().bytes(), StandardCharsets.UTF_8);
    }

    private SExpr.Group group(List<SExpr> items, int i, SExpr.Group g) {
        if (i >= items.size() || !(items.get(i) instanceof SExpr.Group inner) || inner.head() == null) {
            throw error(i < items.size() ? items.get(i).start() : g.open(), "expected \"(...)\"");
        }
        return inner;
    }
}
