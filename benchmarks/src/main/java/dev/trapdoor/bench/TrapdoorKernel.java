package dev.trapdoor.bench;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.exec.EngineConfig;
import dev.trapdoor.engine.exec.FunctionInstance;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.exec.Store;
import dev.trapdoor.engine.exec.Tier;
import dev.trapdoor.engine.model.ImportDesc;
import dev.trapdoor.engine.model.WasmModule;

/** A kernel on Trapdoor, on the interpreter or the compiled tier. */
final class TrapdoorKernel implements Kernel {
    private final FunctionInstance run;

    private TrapdoorKernel(FunctionInstance run) {
        this.run = run;
    }

    static TrapdoorKernel load(byte[] wasm) {
        return load(wasm, Tier.INTERPRETER);
    }

    static TrapdoorKernel load(byte[] wasm, Tier tier) {
        return load(wasm, EngineConfig.DEFAULT.withTier(tier));
    }

    static TrapdoorKernel load(byte[] wasm, EngineConfig config) {
        WasmModule module = Wasm.load(wasm);
        Store store = new Store(config);
        Instance instance = store.instantiate(module, (mod, name) -> {
            NoWasi.checkModule(mod, name);
            for (var imp : module.imports()) {
                if (imp.module().equals(mod) && imp.name().equals(name) && imp.desc() instanceof ImportDesc.Func f) {
                    return store.hostFunction(name, module.types().get(f.typeIndex()), (caller, args) -> {
                        throw NoWasi.called(mod, name);
                    });
                }
            }
            return null;
        });
        instance.invoke("_initialize");
        return new TrapdoorKernel(instance.function("run"));
    }

    /** The kernel's {@code run} export, for scenarios that attach a debugger to its store. */
    FunctionInstance function() {
        return run;
    }

    @Override
    public int run(int n) {
        return (int) run.call(n)[0];
    }
}
