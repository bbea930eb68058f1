package dev.trapdoor.intellij;

import java.util.List;
import java.util.Locale;

/**
 * Files of one language a Trapdoor session can stop in, by file-name pattern. Patterns rather than IntelliJ file-type
 * names: the names differ between IDEs (CLion, RustRover, IDEA with or without a plugin) and a pattern works in all.
 *
 * @param description what the files are, for people
 * @param patterns    {@code *.ext} or exact file names
 * @param languageId  the language id LSP4IJ records for the mapping
 */
public record FileTypeMapping(String description, List<String> patterns, String languageId) {
    public FileTypeMapping {
        patterns = List.copyOf(patterns);
        for (String p : patterns) {
            if (p.indexOf('*') > 0 || p.indexOf('*') != p.lastIndexOf('*')) {
                throw new IllegalArgumentException("only *.ext or a plain name: " + p);
            }
        }
    }

    /** Whether a file of this name belongs here (case-insensitively: {@code MAIN.C} is C on the platforms that allow it). */
    public boolean matches(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        for (String p : patterns) {
            String pattern = p.toLowerCase(Locale.ROOT);
            if (pattern.startsWith("*") ? name.endsWith(pattern.substring(1)) : name.equals(pattern)) {
                return true;
            }
        }
        return false;
    }
}
