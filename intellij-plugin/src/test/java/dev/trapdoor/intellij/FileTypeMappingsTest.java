package dev.trapdoor.intellij;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileTypeMappingsTest {
    @Test
    void theModuleItsTextFormAndEverySourceLanguageAreDebuggable() {
        for (String f : List.of("app.wasm", "app.wat", "spec.wast", "main.c", "util.h", "lib.cpp", "lib.cc",
                "lib.hpp", "main.rs", "main.zig", "MAIN.C")) {
            assertTrue(FileTypeMappings.isDebuggable(f), f);
        }
        for (String f : List.of("script.py", "notes.txt", "wasm", "app.wasm.map", "Makefile")) {
            assertFalse(FileTypeMappings.isDebuggable(f), f);
        }
    }

    @Test
    void patternsAreOnlyExtensionsOrNames() {
        assertThrows(IllegalArgumentException.class, () -> new FileTypeMapping("x", List.of("src/*.c"), "c"));
        assertThrows(IllegalArgumentException.class, () -> new FileTypeMapping("x", List.of("*.*"), "c"));
        assertTrue(new FileTypeMapping("make", List.of("Makefile"), "make").matches("makefile"));
    }
}
