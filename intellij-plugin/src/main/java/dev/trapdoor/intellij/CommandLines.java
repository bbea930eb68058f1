package dev.trapdoor.intellij;

import java.util.ArrayList;
import java.util.List;

/**
 * A command line as one string (what LSP4IJ's "Command" field and template hold) and back. IntelliJ splits that string
 * on whitespace, with double quotes grouping and {@code \"} for a quote inside them; a path with a space must be
 * quoted to survive, so {@link #join} quotes exactly what needs it and {@link #split} reads it back the same way.
 */
public final class CommandLines {
    private CommandLines() {
    }

    public static String join(List<String> argv) {
        StringBuilder sb = new StringBuilder();
        for (String arg : argv) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(needsQuotes(arg) ? '"' + arg.replace("\"", "\\\"") + '"' : arg);
        }
        return sb.toString();
    }

    public static List<String> split(String commandLine) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inQuotes = false;
        boolean hasToken = false;
        for (int i = 0; i < commandLine.length(); i++) {
            char c = commandLine.charAt(i);
            if (c == '\\' && inQuotes && i + 1 < commandLine.length() && commandLine.charAt(i + 1) == '"') {
                current.append('"');
                i++;
            } else if (c == '"') {
                inQuotes = !inQuotes;
                hasToken = true; // "" is an empty argument, not nothing
            } else if (Character.isWhitespace(c) && !inQuotes) {
                if (hasToken) {
                    out.add(current.toString());
                    current.setLength(0);
                    hasToken = false;
                }
            } else {
                current.append(c);
                hasToken = true;
            }
        }
        if (inQuotes) {
            throw new IllegalArgumentException("unbalanced quote in: " + commandLine);
        }
        if (hasToken) {
            out.add(current.toString());
        }
        return out;
    }

    private static boolean needsQuotes(String arg) {
        return arg.isEmpty() || arg.chars().anyMatch(c -> Character.isWhitespace(c) || c == '"');
    }
}
