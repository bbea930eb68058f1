package dev.trapdoor.engine.fuzz;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.error.InvalidModuleException;
import dev.trapdoor.engine.error.MalformedModuleException;
import dev.trapdoor.engine.error.UninstantiableException;
import dev.trapdoor.engine.error.UnsupportedFeatureException;
import dev.trapdoor.engine.error.UnlinkableException;
import dev.trapdoor.engine.exec.EngineConfig;
import dev.trapdoor.engine.exec.FunctionInstance;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.exec.Store;
import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.ImportDesc;
import dev.trapdoor.engine.model.Import;
import dev.trapdoor.engine.model.ValType;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.trap.Trap;

import java.util.ArrayList;
import java.util.List;

/**
 * Trapdoor's half of the differential test: loads, links binaryen's {@code fuzzing-support} log imports, runs the
 * plan and writes the same transcript as {@code fuzz/v8-runner.js}. Anything but a Wasm outcome (a Java exception
 * escaping the engine) is a crash, reported as such so it is counted, not hidden.
 */
final class TrapdoorSide {
    private TrapdoorSide() {
    }

    static List<String> run(byte[] bytes, CallPlan plan, EngineConfig config) {
        List<String> out = new ArrayList<>();
        try {
            run(bytes, plan, config, out);
        } catch (RuntimeException | Error e) {
            out.add("crash " + e);
        }
        out.add("end");
        return out;
    }

    private static void run(byte[] bytes, CallPlan plan, EngineConfig config, List<String> out) {
        WasmModule module;
        try {
            module = Wasm.load(bytes);
        } catch (MalformedModuleException | InvalidModuleException | UnsupportedFeatureException e) {
            // A feature Trapdoor lacks is a refusal too (node 20's V8 refuses binaryen's GC types the same way).
            out.add("rejected");
            return;
        }
        Store store = new Store(config);
        Instance instance;
        try {
            instance = store.instantiate(module, (m, name) -> logImport(store, module, m, name, out));
        } catch (UnlinkableException e) {
            out.add("unlinkable");
            return;
        } catch (UninstantiableException e) {
            out.add("uninstantiable");
            return;
        }
        FunctionInstance reset = instance.function(CallPlan.HANG_LIMIT_RESET);
        for (CallPlan.Call c : plan.calls()) {
            out.add("call " + c.name());
            try {
                if (reset != null) {
                    reset.call();
                }
                long[] results = instance.invoke(c.name(), c.args());
                StringBuilder sb = new StringBuilder("result");
                for (int i = 0; i < results.length; i++) {
                    sb.append(' ').append(Transcript.value(c.type().result(i), results[i]));
                }
                out.add(sb.toString());
            } catch (Trap t) {
                out.add("trap " + Transcript.trap(t, bytes));
            }
        }
    }

    private static FunctionInstance logImport(Store store, WasmModule module, String m, String name, List<String> out) {
        if (!m.equals("fuzzing-support") || !name.startsWith("log-")) {
            return null;
        }
        for (Import i : module.imports()) {
            if (i.module().equals(m) && i.name().equals(name) && i.desc() instanceof ImportDesc.Func f) {
                FuncType type = module.types().get(f.typeIndex());
                if (type.paramCount() != 1 || type.resultCount() != 0) {
                    return null;
                }
                ValType t = type.param(0);
                if (t == ValType.V128) {
                    // JavaScript cannot take a v128: V8's side logs it through a Wasm shim, lane by lane.
                    return store.hostFunction(name, type, (caller, args) -> {
                        out.add("log " + Transcript.v128(args[0], args[1]));
                        return new long[0];
                    });
                }
                return store.hostFunction(name, type, (caller, args) -> {
                    out.add("log " + Transcript.value(t, args[0]));
                    return new long[0];
                });
            }
        }
        return null;
    }
}
