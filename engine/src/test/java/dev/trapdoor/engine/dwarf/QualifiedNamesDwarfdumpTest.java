package dev.trapdoor.engine.dwarf;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.model.FunctionBody;
import dev.trapdoor.engine.model.WasmModule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The qualified function names built from the DIE tree against the same names rebuilt from what
 * {@code llvm-dwarfdump-14 --debug-info} prints: each subprogram with code, through its specification or abstract
 * origin, named by its enclosing namespaces, classes, structs and unions. The two read the same DWARF with
 * independent parsers, so every function must agree.
 */
class QualifiedNamesDwarfdumpTest {
    private static final Pattern DIE = Pattern.compile("^0x([0-9a-f]+):( +)(DW_TAG_\\w+|NULL)");
    private static final Pattern ATTR = Pattern.compile("^\\s+DW_AT_(\\w+)\\s+\\((.*)\\)$");
    private static final Pattern REF = Pattern.compile("^0x([0-9a-f]+)");

    private static final class Die {
        final long offset;
        final String tag;
        final Die parent;
        String name;
        long lowPc = -1;
        long specification = -1;
        long abstractOrigin = -1;

        Die(long offset, String tag, Die parent) {
            this.offset = offset;
            this.tag = tag;
            this.parent = parent;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"shapes-debug.wasm", "shapes-release.wasm", "inventory-debug.wasm",
            "inventory-release.wasm"})
    void qualifiedNamesMatchDwarfdumpsDieTree(String fixture) throws IOException {
        Path file = examples().resolve(fixture);
        WasmModule module = Wasm.load(Files.readAllBytes(file));
        Map<Long, Die> dies = parse(Fixtures.run("llvm-dwarfdump-14", "--debug-info", file.toString()));
        // Identical code folding gives several subprograms one address: any of their names is right.
        Map<Long, List<String>> byLowPc = new HashMap<>();
        for (Die d : dies.values()) {
            if (d.tag.equals("DW_TAG_subprogram") && d.lowPc > 0) {
                String q = qualified(d, dies);
                if (q != null) {
                    byLowPc.computeIfAbsent(d.lowPc, k -> new ArrayList<>()).add(q);
                }
            }
        }
        SourceMap map = SourceMap.of(module);
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        for (FunctionBody body : module.bodies()) {
            // A Wasm function's low_pc is where its locals start, just after its size field (a LEB128 of 1 to 5
            // bytes), counted from the code section's contents.
            List<String> theirs = null;
            for (int size = 1; size <= 5 && theirs == null; size++) {
                theirs = byLowPc.get((long) body.entryOffset() + size - module.codeSectionOffset());
            }
            if (theirs == null) {
                continue;
            }
            compared++;
            String ours = map.qualifiedFunctionName(body.bodyOffset()).orElse("??");
            if (ours.contains("(") && !theirs.contains(ours)) {
                // Folded code whose DIE lost its address: the name came from the linkage name, not the DIE tree.
                compared--;
                continue;
            }
            if (!theirs.contains(ours)) {
                mismatches.add(ours + " vs " + theirs);
            }
        }
        assertTrue(compared >= 20, fixture + ": only " + compared + " functions compared");
        assertTrue(mismatches.isEmpty(), fixture + ": " + mismatches.size() + " of " + compared + " differ, e.g. "
                + mismatches.subList(0, Math.min(5, mismatches.size())));
    }

    /** The subprogram's name with its scopes, or null when neither it nor its declaration has a name. */
    private static String qualified(Die d, Map<Long, Die> dies) {
        Die decl = d;
        for (int hops = 0; hops < 4; hops++) {
            long next = decl.specification >= 0 ? decl.specification : decl.abstractOrigin;
            if (decl.name != null || next < 0 || !dies.containsKey(next)) {
                break;
            }
            decl = dies.get(next);
        }
        if (decl.name == null) {
            return null;
        }
        Deque<String> parts = new ArrayDeque<>();
        parts.push(decl.name);
        for (Die p = decl.parent; p != null && !p.tag.equals("DW_TAG_compile_unit"); p = p.parent) {
            switch (p.tag) {
                case "DW_TAG_namespace" -> parts.push(p.name == null ? "(anonymous namespace)" : p.name);
                case "DW_TAG_class_type", "DW_TAG_structure_type", "DW_TAG_union_type",
                        "DW_TAG_enumeration_type" -> {
                    if (p.name == null) {
                        // A lambda's class: named by convention only (lldb: 'lambda'), so not compared.
                        return null;
                    }
                    parts.push(p.name);
                }
                default -> {
                }
            }
        }
        return String.join("::", parts);
    }

    private static Map<Long, Die> parse(String dump) {
        Map<Long, Die> dies = new HashMap<>();
        Deque<Die> open = new ArrayDeque<>();
        Deque<Integer> indents = new ArrayDeque<>();
        Die current = null;
        for (String line : dump.split("\n")) {
            Matcher m = DIE.matcher(line);
            if (m.find()) {
                int indent = m.group(2).length();
                while (!indents.isEmpty() && indents.peek() >= indent) {
                    indents.pop();
                    open.pop();
                }
                if (m.group(3).equals("NULL")) {
                    current = null;
                    continue;
                }
                current = new Die(Long.parseLong(m.group(1), 16), m.group(3), open.peek());
                dies.put(current.offset, current);
                open.push(current);
                indents.push(indent);
                continue;
            }
            Matcher a = ATTR.matcher(line);
            if (current == null || !a.find()) {
                continue;
            }
            String value = a.group(2);
            switch (a.group(1)) {
                case "name" -> current.name = value.replaceAll("^\"|\"$", "");
                case "low_pc" -> current.lowPc = ref(value); // "(0xffffffff (dead code))" for dropped ones
                case "specification" -> current.specification = ref(value);
                case "abstract_origin" -> current.abstractOrigin = ref(value);
                default -> {
                }
            }
        }
        return dies;
    }

    private static long ref(String value) {
        Matcher m = REF.matcher(value);
        return m.find() ? Long.parseLong(m.group(1), 16) : -1;
    }

    private static Path examples() {
        Path p = Path.of("../examples");
        return Files.isDirectory(p) ? p : Path.of("examples");
    }
}
