package dev.trapdoor.engine.spec;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which part of the suite to run: {@code -Dspec.file=i32} (or {@code i32.wast}, or a comma-separated list) and
 * {@code -Dspec.lines=100-200} (or a single line). Without them, everything runs.
 *
 * @param files    script names without {@code .wast}; empty means all
 * @param fromLine first line of the range, inclusive
 * @param toLine   last line of the range, inclusive
 */
record SpecSelection(Set<String> files, int fromLine, int toLine) {
    static final String FILE_PROPERTY = "spec.file";
    static final String LINES_PROPERTY = "spec.lines";

    static SpecSelection fromSystemProperties() {
        return parse(System.getProperty(FILE_PROPERTY), System.getProperty(LINES_PROPERTY));
    }

    static SpecSelection parse(String files, String lines) {
        Set<String> names = files == null || files.isBlank() ? Set.of()
                : Arrays.stream(files.split(","))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .map(s -> s.endsWith(".wast") ? s.substring(0, s.length() - ".wast".length()) : s)
                        .collect(Collectors.toUnmodifiableSet());
        int from = 0;
        int to = Integer.MAX_VALUE;
        if (lines != null && !lines.isBlank()) {
            String s = lines.strip();
            int dash = s.indexOf('-');
            try {
                if (dash < 0) {
                    from = to = Integer.parseInt(s);
                } else {
                    from = dash == 0 ? 0 : Integer.parseInt(s.substring(0, dash).strip());
                    to = dash == s.length() - 1 ? Integer.MAX_VALUE : Integer.parseInt(s.substring(dash + 1).strip());
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("-D" + LINES_PROPERTY + " must look like 100-200, 100- or 150, got "
                        + lines);
            }
            if (from > to) {
                throw new IllegalArgumentException("-D" + LINES_PROPERTY + " range is empty: " + lines);
            }
        }
        return new SpecSelection(names, from, to);
    }

    boolean includesFile(String name) {
        return files.isEmpty() || files.contains(name);
    }

    boolean isSliced() {
        return fromLine > 0 || toLine < Integer.MAX_VALUE;
    }

    boolean includesLine(int line) {
        return line >= fromLine && line <= toLine;
    }

    /**
     * Whether a command runs: inside the range, or before it and building state (a module, a register, an action),
     * since the commands in the range work on what those left behind.
     */
    boolean runs(WastCommand c) {
        return includesLine(c.line()) || (c.line() < fromLine && c.buildsState());
    }
}
