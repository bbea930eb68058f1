package dev.trapdoor.engine.spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spec commands known not to pass, each with a reason: {@code file.wast:line  reason} per line, {@code #} comments.
 * A line that does not parse fails the suite, so a typo cannot silently exclude nothing.
 */
final class Exclusions {
    static final String RESOURCE = "/spec/exclusions.txt";

    private static final Pattern LINE = Pattern.compile("(\\S+\\.wast):(\\d+)\\s+(\\S.*)");

    /** Key {@code file.wast:line}, value the reason. */
    private final Map<String, String> reasons;

    private Exclusions(Map<String, String> reasons) {
        this.reasons = reasons;
    }

    static Exclusions load() throws IOException {
        try (InputStream in = Exclusions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("missing test resource " + RESOURCE);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    static Exclusions parse(String text) throws IOException {
        Map<String, String> reasons = new LinkedHashMap<>();
        BufferedReader r = new BufferedReader(new java.io.StringReader(text));
        int n = 0;
        for (String line; (line = r.readLine()) != null; ) {
            n++;
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(s);
            if (!m.matches()) {
                throw new IOException(RESOURCE + " line " + n + ": expected \"file.wast:line  reason\", got: " + s);
            }
            if (reasons.put(m.group(1) + ":" + Integer.parseInt(m.group(2)), m.group(3).strip()) != null) {
                throw new IOException(RESOURCE + " line " + n + ": duplicate entry " + m.group(1) + ":" + m.group(2));
            }
        }
        return new Exclusions(reasons);
    }

    /** The reason a command is excluded, or {@code null}. */
    String reason(String wastFile, int line) {
        return reasons.get(wastFile + ":" + line);
    }

    /** The scripts the exclusions name. */
    java.util.Set<String> files() {
        return reasons.keySet().stream().map(k -> k.substring(0, k.lastIndexOf(':')))
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }

    /** Lines excluded in a file. */
    java.util.List<Integer> linesOf(String wastFile) {
        String prefix = wastFile + ":";
        return reasons.keySet().stream().filter(k -> k.startsWith(prefix))
                .map(k -> Integer.parseInt(k.substring(prefix.length()))).sorted().toList();
    }
}
