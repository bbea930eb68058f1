package dev.trapdoor.dap.adapt;

import dev.trapdoor.engine.debug.DebugFrame;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.model.ExternKind;
import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.Import;
import dev.trapdoor.engine.model.ValType;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.wasi.WasiImports;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The "WASI call" scope of a frame stopped on a direct call to an imported function (where a function breakpoint on
 * an import stops): the callee, then its arguments read from the operand stack, decoded for WASI (paths, iovec text,
 * flag names) and raw for any other host import.
 */
public final class HostCallScope {
    private HostCallScope() {
    }

    /** The scope's entries, or empty when the instruction at the frame's pc is not a call to an import. */
    public static Optional<Map<String, String>> of(DebugFrame frame, Instance instance, String instructionText) {
        if (instructionText == null || !instructionText.startsWith("call ")) {
            return Optional.empty();
        }
        int callee;
        try {
            callee = Integer.parseInt(instructionText.substring(5).trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        WasmModule module = instance.module();
        if (callee >= module.importedFunctionCount()) {
            return Optional.empty();
        }
        Import im = importedFunction(module, callee);
        FuncType type = module.functionType(callee);
        int n = type.paramCount();
        int h = frame.stackHeight();
        if (im == null || h < n) {
            return Optional.empty();
        }
        long[] args = new long[n];
        for (int k = 0; k < n; k++) {
            args[k] = frame.stack(h - n + k);
        }
        Map<String, String> m = new LinkedHashMap<>();
        m.put("function", im.module() + "." + im.name());
        List<Map.Entry<String, String>> decoded = WasiImports.MODULE.equals(im.module())
                ? WasiImports.decodeArguments(im.name(), args, instance.memory()) : List.of();
        if (decoded.isEmpty()) {
            for (int k = 0; k < n; k++) {
                m.put("arg" + k, type.param(k) + " " + (type.param(k) == ValType.I32 ? (int) args[k] : args[k]));
            }
        } else {
            int k = 0;
            for (Map.Entry<String, String> e : decoded) {
                m.put(k++ + ": " + e.getKey(), e.getValue());
            }
        }
        return Optional.of(m);
    }

    private static Import importedFunction(WasmModule module, int funcIndex) {
        int i = 0;
        for (Import im : module.imports()) {
            if (im.desc().kind() == ExternKind.FUNC && i++ == funcIndex) {
                return im;
            }
        }
        return null;
    }
}
