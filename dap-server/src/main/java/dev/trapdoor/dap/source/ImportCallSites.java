package dev.trapdoor.dap.source;

import dev.trapdoor.engine.model.ExternKind;
import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.Import;
import dev.trapdoor.engine.model.WasmModule;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A function breakpoint on an imported function ({@code fd_write}, {@code wasi_snapshot_preview1.fd_write}, or any
 * host import of an embedding application): an import has no code to stop in, so the breakpoint sits on every
 * direct call to it and stops before the host runs, with the arguments still on the caller's operand stack. Calls
 * through a table may reach it too: the breakpoint also sits on every {@code call_indirect} of the import's type, and
 * a hit there stops only when the element called is the import.
 */
final class ImportCallSites {
    private static final Pattern CALL_INDIRECT_TYPE = Pattern.compile("call_indirect(?: \\d+)? \\(type (\\d+)\\)");

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

    /** Function indices of every WASI preview 1 import. */
    static Set<Integer> wasiImports(WasmModule module) {
        List<Integer> out = new ArrayList<>();
        int funcIndex = 0;
        for (Import im : module.imports()) {
            if (im.desc().kind() == ExternKind.FUNC) {
                if (im.module().equals(dev.trapdoor.engine.wasi.WasiImports.MODULE)) {
                    out.add(funcIndex);
                }
                funcIndex++;
            }
        }
        return Set.copyOf(out);
    }

    /** Module offsets of the {@code call_indirect}s whose type is the type of one of {@code funcs}. */
    static List<Integer> indirectCallSites(DisassemblyIndex index, WasmModule module, Set<Integer> funcs) {
        Set<FuncType> types = new HashSet<>();
        funcs.forEach(f -> types.add(module.functionType(f)));
        List<Integer> out = new ArrayList<>();
        for (DisassemblyIndex.Instruction in : index.all()) {
            Matcher m = CALL_INDIRECT_TYPE.matcher(in.text());
            if (m.matches()) {
                int type = Integer.parseInt(m.group(1));
                if (type < module.types().size() && types.contains(module.types().get(type))) {
                    out.add(in.moduleOffset());
                }
            }
        }
        return out;
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
