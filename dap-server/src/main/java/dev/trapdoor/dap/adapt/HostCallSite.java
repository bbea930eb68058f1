package dev.trapdoor.dap.adapt;

import dev.trapdoor.engine.debug.DebugFrame;
import dev.trapdoor.engine.exec.FunctionInstance;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.exec.TableInstance;
import dev.trapdoor.engine.model.ExternKind;
import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.Import;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.wasi.WasiImports;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A frame stopped on a call to an imported function, directly ({@code call N}) or through a table
 * ({@code call_indirect}, whose element is read from the table with the index on top of the operand stack): which
 * import it calls and the arguments it passes, read from the operand stack.
 *
 * @param funcIndex the import's function index
 * @param args      the arguments in slot form, first one first
 */
public record HostCallSite(int funcIndex, Import imported, FuncType type, long[] args) {
    private static final Pattern CALL = Pattern.compile("call (\\d+)");
    private static final Pattern CALL_INDIRECT = Pattern.compile("call_indirect(?: (\\d+))? \\(type (\\d+)\\)");

    /** The call to an import that {@code instructionText}, the instruction at the frame's pc, makes, or empty. */
    public static Optional<HostCallSite> at(DebugFrame frame, Instance instance, String instructionText) {
        if (instructionText == null || !instructionText.startsWith("call")) {
            return Optional.empty(); // asked at every stop: most instructions are not calls, spare them the patterns
        }
        WasmModule module = instance.module();
        int callee;
        int h;
        int argsEnd;
        Matcher direct = CALL.matcher(instructionText);
        if (direct.matches()) {
            callee = Integer.parseInt(direct.group(1));
            if (callee >= module.importedFunctionCount()) {
                // A call to a function of the module (most calls a step starts on): not a host call. The operand
                // stack's height below would validate the function up to the pc, at every such stop.
                return Optional.empty();
            }
            h = frame.stackHeight();
            argsEnd = h;
        } else {
            Matcher indirect = CALL_INDIRECT.matcher(instructionText);
            if (!indirect.matches()) {
                return Optional.empty();
            }
            h = frame.stackHeight();
            if (h == 0) {
                return Optional.empty();
            }
            int table = indirect.group(1) == null ? 0 : Integer.parseInt(indirect.group(1));
            callee = tableCallee(instance, table, (int) frame.stack(h - 1));
            int typeIndex = Integer.parseInt(indirect.group(2));
            if (callee < 0 || typeIndex >= module.types().size()
                    || !module.types().get(typeIndex).equals(module.functionType(callee))) {
                return Optional.empty(); // not an import, or the call traps on its signature
            }
            argsEnd = h - 1;
        }
        if (callee < 0 || callee >= module.importedFunctionCount()) {
            return Optional.empty();
        }
        FuncType type = module.functionType(callee);
        int n = type.paramCount();
        if (argsEnd < n) {
            return Optional.empty();
        }
        long[] args = new long[n];
        for (int k = 0; k < n; k++) {
            args[k] = frame.stack(argsEnd - n + k);
        }
        return Optional.of(new HostCallSite(callee, importedFunction(module, callee), type, args));
    }

    /** {@code module.name}, e.g. {@code wasi_snapshot_preview1.fd_write}. */
    public String qualifiedName() {
        return imported.module() + "." + imported.name();
    }

    public boolean isWasi() {
        return WasiImports.MODULE.equals(imported.module());
    }

    /** The imported function index the table element holds, or -1 (null, out of bounds, not an import). */
    private static int tableCallee(Instance instance, int table, int element) {
        if (table >= instance.module().tables().size()) {
            return -1;
        }
        TableInstance t = instance.tableAt(table);
        if (element < 0 || element >= t.size() || t.get(element) == -1) {
            return -1;
        }
        FunctionInstance f = instance.store().function(t.get(element));
        for (int i = 0; i < instance.module().importedFunctionCount(); i++) {
            if (instance.functionAt(i) == f) {
                return i;
            }
        }
        return -1;
    }

    private static Import importedFunction(WasmModule module, int funcIndex) {
        int i = 0;
        for (Import im : module.imports()) {
            if (im.desc().kind() == ExternKind.FUNC && i++ == funcIndex) {
                return im;
            }
        }
        throw new IllegalStateException("no imported function " + funcIndex);
    }
}
