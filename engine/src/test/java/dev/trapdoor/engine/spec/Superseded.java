package dev.trapdoor.engine.spec;

import dev.trapdoor.engine.error.Feature;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The 2.0 suite's assertions that WebAssembly 3.0 overturned. Modules the 2.0 suite calls invalid or malformed that
 * are valid 3.0 modules using a feature Trapdoor lacks: the expected outcome is
 * {@link dev.trapdoor.engine.error.UnsupportedFeatureException} naming that feature. Modules 3.0 reads differently
 * (limits and memarg offsets are u64 in 3.0's binary and text formats): {@code VALID} (a 2.0 "integer representation
 * too long" that 3.0's longer LEB128 reads) or {@code INVALID} (a 2.0 "integer too large" or text "i32 constant out
 * of range" that 3.0 reads and its validator rejects). One per line: {@code file.wast:line  OUTCOME  why}; a line
 * that does not parse fails loudly.
 */
public final class Superseded {
    static final String RESOURCE = "/spec/superseded.txt";
    private static final Pattern LINE = Pattern.compile("(\\S+\\.wast):(\\d+)\\s+([A-Z_0-9]+)\\s+(\\S.*)");
    private static final Map<String, String> OUTCOMES = load();

    /** The 3.0 outcome of a 2.0 load assertion: a {@link Feature}'s name, {@code VALID} or {@code INVALID}. */
    public static String outcome(String wastFile, int line) {
        return OUTCOMES.get(wastFile + ":" + line);
    }

    private Superseded() {
    }

    /** The feature a 3.0 engine would see in the module of {@code file.wast:line}, or {@code null}. */
    public static Feature feature(String wastFile, int line) {
        String outcome = outcome(wastFile, line);
        return outcome == null || outcome.equals("VALID") || outcome.equals("INVALID") ? null
                : Feature.valueOf(outcome);
    }

    private static Map<String, String> load() {
        try (InputStream in = Superseded.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("missing test resource " + RESOURCE);
            }
            Map<String, String> features = new LinkedHashMap<>();
            int n = 0;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                n++;
                String s = line.strip();
                if (s.isEmpty() || s.startsWith("#")) {
                    continue;
                }
                Matcher m = LINE.matcher(s);
                if (!m.matches()) {
                    throw new IllegalStateException(RESOURCE + " line " + n + ": expected"
                            + " \"file.wast:line  FEATURE  why\", got: " + s);
                }
                String outcome = m.group(3);
                if (!outcome.equals("VALID") && !outcome.equals("INVALID")) {
                    Feature.valueOf(outcome); // a typo fails loudly
                }
                features.put(m.group(1) + ":" + Integer.parseInt(m.group(2)), outcome);
            }
            return features;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
