package dev.trapdoor.dap.source;

import dev.trapdoor.engine.model.ExternKind;
import dev.trapdoor.engine.model.Import;
import dev.trapdoor.engine.model.WasmModule;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A function breakpoint on an imported function ({@code fd_write}, {@code wasi_snapshot_preview1.fd_write}, or any
 * host import of an embedding application): an import has no code to stop in, so the breakpoint sits on every
 * direct call to it and stops before the host runs, with the arguments still on the caller's operand stack.
 * Calls through {@code call_indirect} are not covered.
 */
final class ImportCallSites {
    private ImportCallSites() {
    }

    /** Function indices of the imports named {@code name} or {@code module.name}. */
    static Set<Integer> imports(WasmModule module, String name) {
        List<Integer> out = new ArrayList<>();
        int funcIndex = 0;
        for (Import im : module.imports()) {
            if (im.desc().kind() != ExternKind.FUNC) {
                continue;
            }
            if (im.name().equals(name) || (im.module() + "." + im.name()).equals(name)) {
                out.add(funcIndex);
            }
            funcIndex++;
        }
        return Set.copyOf(out);
    }

    /** Module offsets of the {@code call} and {@code return_call} instructions whose callee is in {@code funcs}. */
    static List<Integer> callSites(DisassemblyIndex index, Set<Integer> funcs) {
        List<Integer> out = new ArrayList<>();
        for (DisassemblyIndex.Instruction in : index.all()) {
            String text = in.text();
            int space = text.indexOf(' ');
            if (space < 0) {
                continue;
            }
            String op = text.substring(0, space);
            if (!op.equals("call") && !op.equals("return_call")) {
                continue;
            }
            try {
                if (funcs.contains(Integer.parseInt(text.substring(space + 1).trim()))) {
                    out.add(in.moduleOffset());
                }
            } catch (NumberFormatException e) {
                // not a plain function index
            }
        }
        return out;
    }
}
