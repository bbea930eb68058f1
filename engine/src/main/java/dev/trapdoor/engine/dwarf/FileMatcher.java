package dev.trapdoor.engine.dwarf;

/**
 * How well a path a user gave names a file of the line tables, as debuggers match when the IDE's checkout is not
 * where the module was built: by the number of trailing path segments the two share. A full path shares all of
 * them, a suffix ({@code src/main.c}) some, a base name one; 0 means no match.
 *
 * <p>Segments are those of {@link SourcePaths#normalize} (either slash separates; empty and {@code .} segments do not
 * count), compared in place from the end: a {@code setBreakpoints} scores every line-table file twice per requested
 * file, and normalizing and splitting both paths each time was 50 MB of a 50-session load run (benchmarks/RESULTS.md,
 * session 13).
 */
final class FileMatcher {
    private FileMatcher() {
    }

    static int score(String requested, String candidate) {
        int a = requested.length();
        int b = candidate.length();
        int shared = 0;
        while (true) {
            int endA = skipSeparators(requested, a);
            int endB = skipSeparators(candidate, b);
            int startA = segmentStart(requested, endA);
            int startB = segmentStart(candidate, endB);
            if (startA == endA || startB == endB) {
                // A relative path with no segment at all normalizes to ".", which matches another such path.
                return shared == 0 && startA == endA && startB == endB && isDot(requested) && isDot(candidate)
                        ? 1 : shared;
            }
            int length = endA - startA;
            if (length != endB - startB || !requested.regionMatches(startA, candidate, startB, length)) {
                return shared;
            }
            shared++;
            a = startA;
            b = startB;
        }
    }

    /** The end of the last segment before {@code end} that is neither empty nor {@code .}, skipping those. */
    private static int skipSeparators(String path, int end) {
        int i = end;
        while (i > 0) {
            char c = path.charAt(i - 1);
            if (c == '/' || c == '\\') {
                i--;
            } else if (c == '.' && (i == 1 || isSeparator(path.charAt(i - 2)))) {
                i--; // a "." segment
            } else {
                break;
            }
        }
        return i;
    }

    private static int segmentStart(String path, int end) {
        int i = end;
        while (i > 0 && !isSeparator(path.charAt(i - 1))) {
            i--;
        }
        return i;
    }

    /** Whether a path without segments normalizes to "." (it is relative) rather than "/". */
    private static boolean isDot(String path) {
        return path.isEmpty() || !isSeparator(path.charAt(0));
    }

    private static boolean isSeparator(char c) {
        return c == '/' || c == '\\';
    }
}
