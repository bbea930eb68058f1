package dev.trapdoor.bench;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionImport;

/** A kernel on Chicory: its interpreter, or its compiler (Wasm to JVM bytecode when the instance is built). */
final class ChicoryKernel implements Kernel {
    private final ExportFunction run;

    private ChicoryKernel(ExportFunction run) {
        this.run = run;
    }

    static ChicoryKernel load(byte[] wasm, boolean compiled) {
        WasmModule module = Parser.parse(wasm);
        ImportValues.Builder imports = ImportValues.builder();
        module.importSection().stream().forEach(imp -> {
            NoWasi.checkModule(imp.module(), imp.name());
            if (!(imp instanceof FunctionImport f)) {
                throw new IllegalArgumentException("kernel imports a non-function " + imp.name());
            }
            imports.addFunction(new HostFunction(imp.module(), imp.name(),
                    module.typeSection().getType(f.typeIndex()), (instance, args) -> {
                        throw NoWasi.called(imp.module(), imp.name());
                    }));
        });
        Instance.Builder builder = Instance.builder(module).withImportValues(imports.build());
        if (compiled) {
            builder.withMachineFactory(MachineFactoryCompiler::compile);
        }
        Instance instance = builder.build();
        instance.export("_initialize").apply();
        return new ChicoryKernel(instance.export("run"));
    }

    @Override
    public int run(int n) {
        return (int) run.apply(n)[0];
    }
}
