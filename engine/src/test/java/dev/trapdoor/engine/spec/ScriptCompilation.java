package dev.trapdoor.engine.spec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.compile.JvmCompiler;
import dev.trapdoor.engine.compile.UnsupportedByCompiler;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.validate.ModuleContext;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Compiles every function of the modules some 3.0 scripts define, for the tests that check the compiled tier
 * declines none of them (the suite's compiled runs cannot tell: a declined function falls back to the interpreter).
 */
final class ScriptCompilation {
    /** Each function compiled: its module and index. */
    interface Compiled {
        void function(WasmModule module, ModuleContext ctx, int funcIndex);
    }

    /** What compiling the scripts' functions gave. */
    record Outcome(int compiled, List<String> declined) {
    }

    private ScriptCompilation() {
    }

    /** The 3.0 suite's folder; without it the test is skipped with a loud line. */
    static Path suite30(String test) {
        Path dir;
        try {
            dir = SpecLocator.locate().suite30Dir();
        } catch (SpecLocator.MissingPrerequisiteException e) {
            dir = null;
        }
        if (dir == null) {
            System.err.println("*** 3.0 SPEC SUITE NOT FOUND: " + test + " skipped");
            Assumptions.abort("no ../shared/wasm-testsuite-3.0");
        }
        return dir;
    }

    /** The scripts of a folder of the suite, in name order. */
    static List<Path> folder(Path dir, String folder) throws Exception {
        try (Stream<Path> files = Files.list(dir.resolve(folder))) {
            return files.filter(p -> p.toString().endsWith(".wast")).sorted().toList();
        }
    }

    /** Compiles every function of every module the scripts define, at {@code chunkBudget}. */
    static Outcome compileAll(Path dir, List<Path> scripts, int chunkBudget, Compiled each) throws Exception {
        int compiled = 0;
        List<String> declined = new ArrayList<>();
        for (Path wast : scripts) {
            String script = dir.relativize(wast).toString();
            if (!Files.exists(wast)) {
                declined.add(script + ": missing");
                continue;
            }
            for (WastCommand c : WastReader.read(wast, script)) {
                if (!"module".equals(c.type()) || c.module() == null) {
                    continue;
                }
                WasmModule m = Wasm.load(c.module().bytes());
                ModuleContext ctx = new ModuleContext(m);
                for (int f = m.importedFunctionCount(); f < m.functionCount(); f++) {
                    try {
                        JvmCompiler.compile(ctx, f, chunkBudget, "dev/trapdoor/engine/exec/Jit$S", false, true);
                        compiled++;
                        each.function(m, ctx, f);
                    } catch (UnsupportedByCompiler e) {
                        declined.add(script + " line " + c.line() + ": " + e.getMessage());
                    }
                }
            }
        }
        return new Outcome(compiled, declined);
    }
}
