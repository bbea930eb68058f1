package dev.trapdoor.engine.dwarf;

/**
 * How well a path a user gave names a file of the line tables, as debuggers match when the IDE's checkout is not
 * where the module was built: by the number of trailing path segments the two share. A full path shares all of
 * them, a suffix ({@code src/main.c}) some, a base name one; 0 means no match.
 */
final class FileMatcher {
    private FileMatcher() {
    }

    static int score(String requested, String candidate) {
        String[] a = SourcePaths.normalize(requested).split("/");
        String[] b = SourcePaths.normalize(candidate).split("/");
        int shared = 0;
        while (shared < a.length && shared < b.length
                && a[a.length - 1 - shared].equals(b[b.length - 1 - shared])
                && !a[a.length - 1 - shared].isEmpty()) {
            shared++;
        }
        return shared;
    }
}
