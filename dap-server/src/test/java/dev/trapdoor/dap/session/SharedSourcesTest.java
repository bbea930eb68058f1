package dev.trapdoor.dap.session;

import dev.trapdoor.dap.source.DisassemblyIndex;
import dev.trapdoor.engine.dwarf.PathMapping;
import dev.trapdoor.engine.dwarf.SourceMap;
import dev.trapdoor.engine.dwarf.Variable;
import dev.trapdoor.engine.dwarf.VariableScope;
import dev.trapdoor.engine.exec.SharedModules;
import dev.trapdoor.engine.model.WasmModule;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SharedSourcesTest {
    private static WasmModule load(String example) throws Exception {
        return SharedModules.load(Files.readAllBytes(Path.of("../examples", example)));
    }

    @Test
    void sessionsOfOneModuleAndOneMappingShareItsSourceMapAndDisassembly() throws Exception {
        WasmModule debugme = load("debugme.wasm");
        PathMapping moved = PathMapping.NONE.with("/build", "/home/me");
        SourceMap plain = SharedSources.sourceMap(debugme, PathMapping.NONE);
        SourceMap mapped = SharedSources.sourceMap(debugme, moved);
        assertSame(plain, SharedSources.sourceMap(load("debugme.wasm"), PathMapping.NONE));
        assertSame(mapped, SharedSources.sourceMap(debugme, PathMapping.NONE.with("/build", "/home/me")),
                "an equal mapping");
        assertNotSame(plain, mapped, "answers carry mapped paths");
        DisassemblyIndex index = SharedSources.disassembly(debugme);
        assertSame(index, SharedSources.disassembly(debugme));

        WasmModule fib = load("fib.wasm");
        assertNotSame(plain, SharedSources.sourceMap(fib, PathMapping.NONE));
        assertNotSame(index, SharedSources.disassembly(fib));
    }

    /**
     * The shared map's lazy tables (units, line table, DIE trees, scopes, variable index, types) are built by whichever
     * session asks first while others ask too: every thread must get what a map of its own answers.
     */
    @Test
    void threadsQueryingOneFreshMapAtOnceGetTheAnswersOfAMapOfTheirOwn() throws Exception {
        WasmModule shapes = load("shapes-release.wasm");
        PathMapping fresh = PathMapping.NONE.with("/fresh-" + System.nanoTime(), "/x"); // a map no other test built
        List<Integer> offsets = new ArrayList<>();
        List<DisassemblyIndex.Instruction> all = new DisassemblyIndex(shapes).all();
        for (int i = 0; i < all.size(); i += 11) {
            offsets.add(all.get(i).moduleOffset());
        }
        String expected = answers(SourceMap.of(shapes, fresh), offsets);
        assertTrue(expected.contains("[inlined]") && expected.contains("this:"), "inlined frames and C++ variables");

        SourceMap shared = SharedSources.sourceMap(shapes, fresh);
        int threads = 6;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                List<Integer> order = new ArrayList<>(offsets);
                if (t % 2 == 1) {
                    Collections.reverse(order); // half the threads start at the end: other units' tables first
                }
                results.add(pool.submit(() -> {
                    go.await();
                    return answers(shared, order);
                }));
            }
            go.countDown();
            for (int t = 0; t < threads; t++) {
                String got = results.get(t).get(2, TimeUnit.MINUTES);
                assertEquals(expected, t % 2 == 1 ? reversedLines(got) : got, "thread " + t);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Per offset, one line of what a stop there shows: position, inlined chain, line ranges, scopes. */
    private static String answers(SourceMap map, List<Integer> offsets) {
        List<String> lines = new ArrayList<>();
        for (int offset : offsets) {
            StringBuilder sb = new StringBuilder(Integer.toHexString(offset)).append(' ');
            sb.append(map.locate(offset).orElse(null)).append(' ');
            map.inlinedChain(offset).forEach(f -> sb.append(f.function()).append(f.inlined() ? " [inlined]" : "")
                    .append('@').append(f.line()).append(' '));
            sb.append(map.lineRanges(offset)).append(' ');
            for (VariableScope scope : map.variables().scopesAt(offset)) {
                sb.append(scope.name()).append('{');
                for (Variable v : scope.variables()) {
                    sb.append(v.name()).append(": ").append(v.typeName()).append(", ");
                }
                sb.append("} ");
            }
            lines.add(sb.toString());
        }
        return String.join("\n", lines);
    }

    private static String reversedLines(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        Collections.reverse(lines);
        return String.join("\n", lines);
    }
}
