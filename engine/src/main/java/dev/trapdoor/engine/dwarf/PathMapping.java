package dev.trapdoor.engine.dwarf;

import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites build-machine source paths to local ones (a launch option: the module was compiled in {@code /build/src}
 * but the sources are in {@code /home/me/src}). The longest matching build prefix wins; prefixes match whole path
 * segments, so {@code /build/a} does not rewrite {@code /build/ab}. Immutable.
 */
public final class PathMapping {
    public static final PathMapping NONE = new PathMapping(List.of());

    private record Rule(String buildPrefix, String localPrefix) {
    }

    private final List<Rule> rules;

    private PathMapping(List<Rule> rules) {
        this.rules = rules;
    }

    /** This mapping plus one more rule. */
    public PathMapping with(String buildPrefix, String localPrefix) {
        List<Rule> more = new ArrayList<>(rules);
        more.add(new Rule(trimSlash(SourcePaths.normalize(buildPrefix)), trimSlash(SourcePaths.normalize(localPrefix))));
        return new PathMapping(List.copyOf(more));
    }

    private static String trimSlash(String p) {
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    /** The local path for a build path; the build path itself when no rule applies. */
    public String toLocal(String buildPath) {
        Rule best = null;
        for (Rule rule : rules) {
            if (hasPrefix(buildPath, rule.buildPrefix())
                    && (best == null || rule.buildPrefix().length() > best.buildPrefix().length())) {
                best = rule;
            }
        }
        if (best == null) {
            return buildPath;
        }
        String rest = buildPath.substring(best.buildPrefix().length());
        return best.localPrefix().equals("/") && rest.startsWith("/") ? rest : best.localPrefix() + rest;
    }

    /** Equal when the rules are, in the same order: sessions with equal mappings share one {@link SourceMap}. */
    @Override
    public boolean equals(Object o) {
        return o instanceof PathMapping other && rules.equals(other.rules);
    }

    @Override
    public int hashCode() {
        return rules.hashCode();
    }

    private static boolean hasPrefix(String path, String prefix) {
        if (prefix.equals("/")) {
            return path.startsWith("/");
        }
        return path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
    }
}
