package dev.trapdoor.intellij;

import java.util.List;

/**
 * The files Trapdoor debugs: the module itself ({@code .wasm}, the file a launch runs), its text form, and the source
 * languages whose DWARF the server reads (C, C++, Rust, Zig). Breakpoints can only be set in files listed here.
 */
public final class FileTypeMappings {
    public static final List<FileTypeMapping> ALL = List.of(
            new FileTypeMapping("WebAssembly module", List.of("*.wasm"), "wasm"),
            new FileTypeMapping("WebAssembly text", List.of("*.wat", "*.wast"), "wat"),
            new FileTypeMapping("C", List.of("*.c", "*.h"), "c"),
            new FileTypeMapping("C++", List.of("*.cpp", "*.cc", "*.cxx", "*.c++", "*.hpp", "*.hh", "*.hxx", "*.h++",
                    "*.inl"), "cpp"),
            new FileTypeMapping("Rust", List.of("*.rs"), "rust"),
            new FileTypeMapping("Zig", List.of("*.zig"), "zig"));

    private FileTypeMappings() {
    }

    public static boolean isDebuggable(String fileName) {
        return ALL.stream().anyMatch(m -> m.matches(fileName));
    }
}
