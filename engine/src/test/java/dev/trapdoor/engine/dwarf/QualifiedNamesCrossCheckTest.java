package dev.trapdoor.engine.dwarf;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.model.FunctionBody;
import dev.trapdoor.engine.model.WasmModule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The qualified function names built from the DIE tree against the demangled linkage names that
 * {@code llvm-symbolizer-14 --functions=linkage} prints for the first instruction of every function of the Rust and
 * C++ examples. The two spell generics differently (the DIE names carry Rust's generic arguments, legacy Rust
 * mangling does not; C++ demangling adds the return type of templates), so both sides are compared without
 * argument lists; closures, trait impls and lambdas, which the two name differently by design, are left out.
 */
class QualifiedNamesCrossCheckTest {
    @ParameterizedTest
    @ValueSource(strings = {"shapes-debug.wasm", "shapes-release.wasm", "inventory-debug.wasm",
            "inventory-release.wasm"})
    void qualifiedNamesMatchTheDemangledLinkageNames(String fixture) throws IOException {
        Path file = examples().resolve(fixture);
        WasmModule module = Wasm.load(Files.readAllBytes(file));
        SourceMap map = SourceMap.of(module);
        List<Long> addresses = new ArrayList<>();
        List<String> ours = new ArrayList<>();
        for (FunctionBody body : module.bodies()) {
            addresses.add((long) body.bodyOffset() - module.codeSectionOffset());
            ours.add(map.qualifiedFunctionName(body.bodyOffset()).orElse("??"));
        }
        List<String> command = new ArrayList<>(List.of("llvm-symbolizer-14", "--obj=" + file,
                "--functions=linkage", "--inlining"));
        addresses.forEach(a -> command.add("0x" + Long.toHexString(a)));
        String[] blocks = Fixtures.run(command.toArray(String[]::new)).strip().split("\\n\\s*\\n");
        assertEquals(addresses.size(), blocks.length, "one symbolizer block per address");
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        for (int i = 0; i < blocks.length; i++) {
            // With inlining, a block lists the inlined frames first: the real function is its last frame.
            String[] lines = blocks[i].strip().split("\\n");
            String theirs = lines[Math.max(0, lines.length - 2)];
            if (theirs.equals("??") || !theirs.contains("::") || skipped(theirs) || skipped(ours.get(i))) {
                continue;
            }
            String expected = normalize(stripSignature(theirs));
            String actual = normalize(ours.get(i));
            if (inheritingConstructor(expected, actual)) {
                continue;
            }
            compared++;
            if (!expected.equals(actual)) {
                mismatches.add(ours.get(i) + " vs " + theirs);
            }
        }
        assertTrue(compared >= 20, fixture + ": only " + compared + " functions compared");
        assertTrue(mismatches.isEmpty(), fixture + ": " + mismatches.size() + " of " + compared + " differ, e.g. "
                + mismatches.subList(0, Math.min(5, mismatches.size())));
    }

    private static Path examples() {
        Path p = Path.of("../examples");
        return Files.isDirectory(p) ? p : Path.of("examples");
    }

    /** Names the two sides spell differently by design: closures, trait impls, lambdas, anonymous types. */
    private static boolean skipped(String name) {
        return name.contains("{") || name.startsWith("<") || name.contains("$") || name.contains("anonymous")
                || name.contains("operator") || name.contains("'lambda") || name.contains("(&") || name.contains("(*");
    }

    /**
     * {@code using Base::Base;} constructors: the mangled name is the derived class's constructor, while clang's
     * DW_AT_name is the base's; both are right, and the class is the same.
     */
    private static boolean inheritingConstructor(String expected, String actual) {
        String[] e = expected.split("::");
        String[] a = actual.split("::");
        return e.length >= 2 && e.length == a.length && e[e.length - 1].equals(e[e.length - 2])
                && !a[a.length - 1].equals(a[a.length - 2])
                && expected.substring(0, expected.lastIndexOf("::"))
                .equals(actual.substring(0, actual.lastIndexOf("::")));
    }

    /** C++: drops the parameter list, cv-qualifiers after it, and a template's return type; Rust: the hash. */
    private static String stripSignature(String demangled) {
        String s = demangled.replaceAll("::h[0-9a-f]{16}$", "");
        int depth = 0;
        int paren = -1;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '<') {
                depth++;
            } else if (c == '>') {
                depth--;
            } else if (c == '(' && depth == 0) {
                paren = i;
                break;
            }
        }
        if (paren >= 0) {
            s = s.substring(0, paren);
        }
        depth = 0;
        for (int i = s.length() - 1; i >= 0; i--) {
            char c = s.charAt(i);
            if (c == '>') {
                depth++;
            } else if (c == '<') {
                depth--;
            } else if (c == ' ' && depth == 0) {
                return s.substring(i + 1); // "int geo::pick<int>": the return type goes
            }
        }
        return s;
    }

    /** Without generic or template argument lists and spaces. */
    private static String normalize(String name) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        char previous = 0;
        for (char c : name.toCharArray()) {
            char before = previous;
            previous = c;
            if (c == '<') {
                depth++;
            } else if (c == '>' && before != '-') { // not Rust's "fn(A) -> B"
                depth = Math.max(0, depth - 1);
            } else if (depth == 0 && c != ' ') {
                out.append(c);
            }
        }
        return out.toString();
    }
}
