package dev.trapdoor.dap.source;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * justMyCode's split of source files: a temp dir stands in for a system include root, so what the machine has
 * installed does not matter; the default roots are checked by path alone.
 */
class UserCodeTest {
    @TempDir
    Path tmp;

    private static Optional<Path> existing(String debugPath) {
        Path p = Path.of(debugPath);
        return Files.isRegularFile(p) ? Optional.of(p.toAbsolutePath().normalize()) : Optional.empty();
    }

    private Path file(String relative) throws IOException {
        Path p = tmp.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "int x;\n");
        return p;
    }

    private UserCode userCode(Path... searchRoots) {
        return new UserCode(UserCodeTest::existing, List.of(searchRoots),
                List.of(tmp.resolve("usr/include").toString()), UserCode.LIBRARY_DIRS);
    }

    @Test
    void aHeaderUnderASystemIncludeRootIsLibraryCodeEvenWhenItExists() throws IOException {
        Path header = file("usr/include/wasm32-wasi/c++/v1/string");
        Path own = file("project/shapes.cpp");
        UserCode code = userCode(tmp.resolve("project"), tmp);
        assertFalse(code.isUserFile(header.toString()), "an installed toolchain header");
        assertTrue(code.isUserFile(own.toString()));
    }

    @Test
    void aFileThatIsNotHereIsLibraryCode() {
        UserCode code = userCode(tmp);
        assertFalse(code.isUserFile(tmp.resolve("project/gone.c").toString()));
        assertFalse(code.isUserFile(null));
    }

    @Test
    void aProjectThatLiesUnderALibraryRootIsStillTheUsers() throws IOException {
        Path own = file("usr/include/app/main.c");
        Path header = file("usr/include/stdio.h");
        UserCode code = userCode(tmp.resolve("usr/include/app"));
        assertTrue(code.isUserFile(own.toString()), "the launch cwd lies deeper than the library root");
        assertFalse(code.isUserFile(header.toString()));
    }

    @Test
    void cargoAndRustupDownloadsAreLibraryCodeWhereverTheyAre() throws IOException {
        Path crate = file("home/.cargo/registry/src/index/serde-1.0.0/src/lib.rs");
        Path std = file("home/.rustup/toolchains/stable/lib/rustlib/src/rust/library/core/src/option.rs");
        UserCode code = userCode(tmp);
        assertFalse(code.isUserFile(crate.toString()));
        assertFalse(code.isUserFile(std.toString()));
    }

    @Test
    void theDefaultRootsCoverSystemHeadersToolchainsAndTheirBuildDirectories() {
        UserCode code = new UserCode(UserCodeTest::existing, List.of(Path.of("/work/app")), UserCode.LIBRARY_ROOTS,
                UserCode.LIBRARY_DIRS);
        for (String library : List.of("/usr/include/wasm32-wasi/string.h",
                "/usr/lib/llvm-14/lib/clang/14.0.6/include/stddef.h", "/usr/lib/gcc/x86_64-linux-gnu/12/include/a.h",
                "/opt/wasi-sdk/share/wasi-sysroot/include/stdio.h", "/home/u/wasi-sysroot/include/stdlib.h",
                "/rustc/90b35a6239c3d8bdabc530a6a0816f7ff89a0aaf/library/core/src/fmt/mod.rs",
                "/build/llvm-toolchain-14-59hewn/llvm-toolchain-14-14.0.6/libcxx/src/string.cpp")) {
            assertTrue(code.isLibrary(Path.of(library)), library);
        }
        for (String own : List.of("/work/app/src/main.rs", "/home/u/project/main.c", "/usr/src/app/main.c")) {
            assertFalse(code.isLibrary(Path.of(own)), own);
        }
        UserCode inBuild = new UserCode(UserCodeTest::existing, List.of(Path.of("/build/myapp")),
                UserCode.LIBRARY_ROOTS, UserCode.LIBRARY_DIRS);
        assertFalse(inBuild.isLibrary(Path.of("/build/myapp/src/main.c")), "a project built in /build");
        assertTrue(inBuild.isLibrary(Path.of("/build/llvm-toolchain-14-59hewn/libcxx/src/string.cpp")));
    }

    /** The sessions of one program share the path answers; an instance with other roots gets its own. */
    @Test
    void instancesWithTheSameRootsShareTheirAnswersAndOtherRootsDoNot() throws IOException {
        Path project = tmp.resolve("usr/include/myapp");
        Path header = file("usr/include/myapp/app.h");
        UserCode a = userCode(tmp.resolve("elsewhere"));
        UserCode b = userCode(tmp.resolve("elsewhere"));
        UserCode inProject = userCode(project);
        assertTrue(a.isLibrary(header), "under the library root, outside every search root");
        assertEquals(UserCode.SHARE, a.libraryAnswers() == b.libraryAnswers());
        assertNotSame(a.libraryAnswers(), inProject.libraryAnswers());
        assertFalse(inProject.isLibrary(header), "an answer for other roots reached this instance");
        assertTrue(b.isLibrary(header));
        assertFalse(b.isUserFile(header.toString()));
        assertTrue(inProject.isUserFile(header.toString()));
    }
}
