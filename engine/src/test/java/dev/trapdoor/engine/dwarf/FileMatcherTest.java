package dev.trapdoor.engine.dwarf;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FileMatcherTest {
    /** The definition: trailing segments shared by the normalized paths (what the in-place comparison replaced). */
    private static int byNormalizing(String requested, String candidate) {
        String[] a = SourcePaths.normalize(requested).split("/");
        String[] b = SourcePaths.normalize(candidate).split("/");
        int shared = 0;
        while (shared < a.length && shared < b.length && a[a.length - 1 - shared].equals(b[b.length - 1 - shared])
                && !a[a.length - 1 - shared].isEmpty()) {
            shared++;
        }
        return shared;
    }

    @Test
    void scoresCountSharedTrailingSegments() {
        assertEquals(4, FileMatcher.score("/home/me/src/main.c", "/home/me/src/./main.c"));
        assertEquals(2, FileMatcher.score("src/main.c", "/build//src/main.c"));
        assertEquals(1, FileMatcher.score("main.c", "C:\\build\\src\\main.c"));
        assertEquals(0, FileMatcher.score("main.c", "/build/src/domain.c"));
        assertEquals(0, FileMatcher.score("../a.c", "/x/b.c"));
        assertEquals(3, FileMatcher.score("/build/trapdoor/main.c", "/build/trapdoor/main.c"));
        assertEquals(2, FileMatcher.score("trapdoor/main.c", "/build/trapdoor/main.c"));
        assertEquals(1, FileMatcher.score("main.c", "/build/trapdoor/main.c"));
        assertEquals(1, FileMatcher.score("C:\\src\\main.c", "/build/trapdoor/main.c"));
        assertEquals(0, FileMatcher.score("amain.c", "/build/trapdoor/main.c"));
    }

    @Test
    void agreesWithNormalizingAndSplittingOnEveryPair() {
        List<String> paths = List.of("", ".", "./", "/", "//", "\\", "a", "a/", "/a", "./a", "a/.", "a/./", "..",
                "../a", "a/..", "/build/src/main.c", "/build/./src//main.c", "src/main.c", "main.c", "C:\\b\\src\\main.c",
                "C:/b/src/main.c", "/b/src/xmain.c", "/b/srcmain.c", ".hidden/main.c", "a/.b", "a/b.", "/.", "/./",
                "x/../src/main.c", "/home/me/trapdoor/examples/debugme.c", "examples/debugme.c", "debugme.c");
        for (String a : paths) {
            for (String b : paths) {
                assertEquals(byNormalizing(a, b), FileMatcher.score(a, b), "'" + a + "' against '" + b + "'");
            }
        }
    }
}
