package dev.trapdoor.engine.spec;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One command of a script, read from the {@code .wast} by {@link WastReader} (or from a wast2json file, the oracle
 * the reader is checked against). Fields a command type does not use are {@code null}; lists are never null.
 *
 * @param type       {@code module}, {@code module_definition}, {@code module_instance}, {@code register},
 *                   {@code action}, {@code assert_return}, ...
 * @param line       line of the command in the .wast file
 * @param module     the module of module commands and module assertions
 * @param name       the module's {@code $name} (module, register; the instance's for module_instance)
 * @param as         the name a module is registered under (register; the definition's for module_instance)
 * @param action     the invoke/get of action, assert_return, assert_trap, assert_exhaustion
 * @param expected   the expected results (assert_return) or result types (others)
 * @param text       the expected error text of an assertion
 */
public record WastCommand(String type, int line, WastModule module, String name, String as,
                   Action action, List<WastValue> expected, String text) {

    /** An invoke of an exported function or a get of an exported global, on a named or the current module. */
    record Action(String type, String module, String field, List<WastValue> args) {
    }

    /** True when the command's module is written in the text format. */
    boolean isTextModule() {
        return module != null && module.isText();
    }

    /** Commands that change the script's state, which later commands may depend on. */
    boolean buildsState() {
        return type.startsWith("module") || type.equals("register") || type.equals("action");
    }

    /** The name tests show, e.g. {@code i32.wast:123 assert_return add}. */
    String displayName(String wastFile) {
        StringBuilder sb = new StringBuilder(wastFile).append(':').append(line).append(' ').append(type);
        if (name != null) {
            sb.append(' ').append(name);
        }
        if (as != null) {
            sb.append(" as \"").append(as).append('"');
        }
        if (action != null) {
            sb.append(' ').append(printable(action.field()));
        }
        if (text != null && action == null) {
            sb.append(" (").append(text).append(')');
        }
        return sb.toString();
    }

    /** Escapes control characters (names.wast exports such names), which would garble reports and logs. */
    static String printable(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp) || cp == 0xFFFE || cp == 0xFFFF || Character.getType(cp) == Character.FORMAT) {
                sb.append(String.format("\\u{%x}", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.toString();
    }

    /** Reads the commands of a wast2json output file. */
    public static List<WastCommand> readScript(Path json) throws IOException {
        try (Reader r = Files.newBufferedReader(json, StandardCharsets.UTF_8)) {
            JsonArray commands = JsonParser.parseReader(r).getAsJsonObject().getAsJsonArray("commands");
            List<WastCommand> out = new ArrayList<>(commands.size());
            for (JsonElement e : commands) {
                out.add(parse(e.getAsJsonObject(), json.getParent()));
            }
            return out;
        }
    }

    static WastCommand parse(JsonObject o) {
        return parse(o, Path.of(""));
    }

    static WastCommand parse(JsonObject o, Path dir) {
        Action action = null;
        if (o.has("action")) {
            JsonObject a = o.getAsJsonObject("action");
            action = new Action(string(a, "type"), string(a, "module"), string(a, "field"), values(a, "args"));
        }
        String filename = string(o, "filename");
        WastModule module = filename == null ? null : WastModule.file(dir.resolve(filename), string(o, "module_type"));
        return new WastCommand(string(o, "type"), o.get("line").getAsInt(), module, string(o, "name"),
                string(o, "as"), action, values(o, "expected"), string(o, "text"));
    }

    private static String string(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }

    private static List<WastValue> values(JsonObject o, String key) {
        if (!o.has(key)) {
            return List.of();
        }
        List<WastValue> out = new ArrayList<>();
        for (JsonElement e : o.getAsJsonArray(key)) {
            JsonObject v = e.getAsJsonObject();
            JsonElement value = v.get("value");
            // v128 values are lane arrays; keep their JSON text so a message can show them.
            String text = value == null ? null : value.isJsonPrimitive() ? value.getAsString() : value.toString();
            out.add(new WastValue(string(v, "type"), text));
        }
        return List.copyOf(out);
    }
}
