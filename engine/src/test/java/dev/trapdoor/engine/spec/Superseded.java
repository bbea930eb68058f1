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
 * The 2.0 suite's assertions that WebAssembly 3.0 overturned: modules the 2.0 suite calls invalid or malformed that
 * are valid 3.0 modules using a feature Trapdoor lacks. For those, the expected outcome is
 * {@link dev.trapdoor.engine.error.UnsupportedFeatureException} naming that feature. One per line:
 * {@code file.wast:line  FEATURE  why}; a line that does not parse fails loudly.
 */
public final class Superseded {
    static final String RESOURCE = "/spec/superseded.txt";
    private static final Pattern LINE = Pattern.compile("(\\S+\\.wast):(\\d+)\\s+([A-Z_0-9]+)\\s+(\\S.*)");
    private static final Map<String, Feature> FEATURES = load();

    private Superseded() {
    }

    /** The feature a 3.0 engine would see in the module of {@code file.wast:line}, or {@code null}. */
    public static Feature feature(String wastFile, int line) {
        return FEATURES.get(wastFile + ":" + line);
    }

    private static Map<String, Feature> load() {
        try (InputStream in = Superseded.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("missing test resource " + RESOURCE);
            }
            Map<String, Feature> features = new LinkedHashMap<>();
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
                features.put(m.group(1) + ":" + Integer.parseInt(m.group(2)), Feature.valueOf(m.group(3)));
            }
            return features;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
