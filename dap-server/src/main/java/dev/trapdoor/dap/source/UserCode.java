package dev.trapdoor.dap.source;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Which source files are the program's own for {@code justMyCode}. A file is library code when it is not found here,
 * or when it lies under a system or toolchain root ({@link #LIBRARY_ROOTS}, {@link #LIBRARY_DIRS}): having a
 * toolchain installed puts its headers on disk (Debian's wasi-libc in {@code /usr/include/wasm32-wasi}, clang's in
 * {@code /usr/lib/llvm-14}), and they are no more the user's code than when they were missing. A search root (the
 * launch {@code cwd}, the program's directory and its parents) that lies deeper than the library root wins, so a
 * project that itself sits under one ({@code /build/myapp} in a container) is still the user's.
 */
public final class UserCode {
    /**
     * Absolute prefixes of system and toolchain files: system and compiler headers and libraries, the wasi-sdk, a
     * Homebrew prefix, Rust's remapped standard library ({@code /rustc/<hash>/library}) and the build directories
     * Debian's packages are built in ({@code /build/llvm-toolchain-14-…}, named in the DWARF of their libraries).
     */
    public static final List<String> LIBRARY_ROOTS = List.of("/usr/include", "/usr/local/include", "/usr/lib",
            "/usr/local/lib", "/usr/share", "/opt/wasi-sdk", "/opt/homebrew", "/rustc", "/build");
    /**
     * Directory names that mark library code wherever they are: a wasi sysroot, Rust's {@code rust-src} component
     * (where a {@code sourceMap} sends {@code /rustc/<hash>}), and Cargo's and rustup's downloads.
     */
    public static final List<String> LIBRARY_DIRS = List.of("wasi-sysroot", "rustlib", ".cargo", ".rustup");

    private final Function<String, Optional<Path>> localFile;
    private final List<Path> userRoots;
    private final List<Path> libraryRoots;
    private final List<String> libraryDirs;
    private final Map<String, Boolean> known = new ConcurrentHashMap<>();
    /** {@link #isLibrary}'s answers, shared with every UserCode of the same roots (see {@link #SHARED}). */
    private final Map<Path, Boolean> libraryAnswers;

    /**
     * {@link #isLibrary}'s answers by roots: the answer is the path's and the roots' alone, and a debug server's
     * sessions of one program ask it for the same files at their first step (50 sessions computing it each was a
     * tenth of that step's session-thread CPU; benchmarks/RESULTS.md, session 25). {@code
     * -Dtrapdoor.dap.sharedLibraryAnswers=false} keeps them per instance. Bounded: it starts over past
     * {@link #SHARED_ROOTS} sets of roots or {@link #SHARED_ANSWERS} answers for one.
     */
    private static final Map<Roots, Map<Path, Boolean>> SHARED = new ConcurrentHashMap<>();
    static final boolean SHARE = !"false".equals(System.getProperty("trapdoor.dap.sharedLibraryAnswers"));
    static final int SHARED_ROOTS = 64;
    static final int SHARED_ANSWERS = 4096;

    private record Roots(List<Path> user, List<Path> library, List<String> dirs) {
    }

    public UserCode(SourceLocator sources, List<Path> searchRoots) {
        this(sources::localFile, searchRoots, LIBRARY_ROOTS, LIBRARY_DIRS);
    }

    /**
     * @param localFile    the local file of a DWARF path, when it exists ({@link SourceLocator#localFile})
     * @param searchRoots  where relative DWARF paths are looked up: files under them are the user's unless a library
     *                     root lies deeper
     * @param libraryRoots absolute prefixes of library code
     * @param libraryDirs  directory names that mark library code at any depth
     */
    public UserCode(Function<String, Optional<Path>> localFile, List<Path> searchRoots, List<String> libraryRoots,
                    List<String> libraryDirs) {
        this.localFile = localFile;
        this.userRoots = searchRoots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        this.libraryRoots = libraryRoots.stream().map(Path::of).toList();
        this.libraryDirs = List.copyOf(libraryDirs);
        if (!SHARE) {
            this.libraryAnswers = new ConcurrentHashMap<>();
            return;
        }
        if (SHARED.size() >= SHARED_ROOTS) {
            SHARED.clear();
        }
        this.libraryAnswers = SHARED.computeIfAbsent(new Roots(userRoots, this.libraryRoots, this.libraryDirs),
                r -> new ConcurrentHashMap<>());
    }

    /** The map {@link #isLibrary}'s answers are kept in (tests: which instances share it). */
    Map<Path, Boolean> libraryAnswers() {
        return libraryAnswers;
    }

    /** Whether the file a DWARF path names (after path mapping) is the program's own code. */
    public boolean isUserFile(String debugPath) {
        if (debugPath == null) {
            return false;
        }
        return known.computeIfAbsent(debugPath, p -> localFile.apply(p).map(f -> !isLibrary(f)).orElse(false));
    }

    /** Whether a local file (absolute, normalized) is library code by where it lies, whether or not it exists. */
    boolean isLibrary(Path file) {
        Boolean known = libraryAnswers.get(file);
        if (known != null) {
            return known;
        }
        boolean answer = libraryByRoots(file);
        if (libraryAnswers.size() >= SHARED_ANSWERS) {
            libraryAnswers.clear();
        }
        libraryAnswers.put(file, answer);
        return answer;
    }

    private boolean libraryByRoots(Path file) {
        int library = libraryDepth(file);
        if (library < 0) {
            return false;
        }
        for (Path root : userRoots) {
            if (file.startsWith(root) && root.getNameCount() > library) {
                return false;
            }
        }
        return true;
    }

    /** How many names the deepest library root containing the file has, or -1 when none does. */
    private int libraryDepth(Path file) {
        int depth = -1;
        for (Path root : libraryRoots) {
            if (file.startsWith(root)) {
                depth = Math.max(depth, root.getNameCount());
            }
        }
        for (int i = file.getNameCount() - 2; i >= 0 && i + 1 > depth; i--) {
            if (libraryDirs.contains(file.getName(i).toString())) {
                depth = i + 1;
            }
        }
        return depth;
    }
}
