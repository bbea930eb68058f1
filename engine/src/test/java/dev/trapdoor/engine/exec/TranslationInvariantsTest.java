package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.validate.ModuleContext;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Properties of translated code that breakpoints and stepping depend on, checked on every function of real
 * clang-built modules (with wasi-libc): each recorded instruction start and each branch target is the start of a
 * translated instruction, so a BREAK patched there never lands inside another instruction's operands.
 */
class TranslationInvariantsTest {
    private static List<Path> modules() throws IOException {
        List<Path> paths = new ArrayList<>();
        for (String dir : new String[]{"src/test/resources/dwarf", "src/test/resources/debug", "../examples"}) {
            Path d = Path.of(dir);
            if (Files.isDirectory(d)) {
                try (Stream<Path> s = Files.list(d)) {
                    s.filter(p -> p.toString().endsWith(".wasm")).sorted().forEach(paths::add);
                }
            }
        }
        return paths;
    }

    @Test
    void instructionStartsAndBranchTargetsAreInstructionBoundaries() throws IOException {
        List<Path> paths = modules();
        assertFalse(paths.isEmpty(), "no modules found");
        int functions = 0;
        for (Path path : paths) {
            WasmModule module = Wasm.load(Files.readAllBytes(path));
            ModuleContext ctx = new ModuleContext(module);
            for (int f = module.importedFunctionCount(); f < module.functionCount(); f++) {
                CompiledFunction cf = Translator.translate(ctx, f);
                int[] code = cf.code;
                BitSet starts = new BitSet();
                for (int pc = 0; pc < code.length; pc += Op.length(code, pc)) {
                    starts.set(pc);
                }
                String where = path.getFileName() + " function " + f;
                for (int pc : cf.instructionStarts()) {
                    assertTrue(pc == code.length || starts.get(pc), where + ": mark at pc " + pc);
                }
                for (int pc = 0; pc < code.length; pc += Op.length(code, pc)) {
                    for (int target : targets(code, pc)) {
                        assertTrue(starts.get(target), where + ": branch at " + pc + " to " + target);
                    }
                }
                functions++;
            }
        }
        assertTrue(functions > 100, "checked " + functions + " functions");
    }

    private static int[] targets(int[] code, int pc) {
        int op = code[pc];
        if ((op >= Op.BR_CMP && op < Op.BR_CMP + 10) || (op >= Op.BR_CMP_IMM && op < Op.BR_CMP_IMM + 10)) {
            return new int[]{code[pc + 3]};
        }
        return switch (op) {
            case Op.INC_BR_CMP, Op.INC_BR_CMP_IMM -> new int[]{code[pc + 6]};
            case Op.BR, Op.BR_BACK -> new int[]{code[pc + 1]};
            case Op.BR_IF, Op.BR_UNLESS, Op.BR_IF_BACK -> new int[]{code[pc + 2]};
            case Op.BR_TABLE -> java.util.Arrays.copyOfRange(code, pc + 3, pc + 3 + code[pc + 2] + 1);
            default -> new int[0];
        };
    }
}
