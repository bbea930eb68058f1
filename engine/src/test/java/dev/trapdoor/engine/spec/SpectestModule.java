package dev.trapdoor.engine.spec;

import dev.trapdoor.engine.exec.Extern;
import dev.trapdoor.engine.exec.GlobalInstance;
import dev.trapdoor.engine.exec.ImportResolver;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.exec.MemoryInstance;
import dev.trapdoor.engine.exec.Store;
import dev.trapdoor.engine.exec.TableInstance;
import dev.trapdoor.engine.exec.Values;
import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.GlobalType;
import dev.trapdoor.engine.model.Limits;
import dev.trapdoor.engine.model.MemoryType;
import dev.trapdoor.engine.model.TableType;
import dev.trapdoor.engine.model.ValType;

import java.util.HashMap;
import java.util.Map;

/**
 * The imports a spec script sees: the {@code spectest} host module the reference interpreter provides, and the
 * instances the script registered under a module name. One per script (and store), since the spec's {@code spectest}
 * is a single instance whose table and memory every module of the script shares.
 */
public final class SpectestModule implements ImportResolver {
    private static final long[] NO_RESULTS = new long[0];

    private final Map<String, Extern> spectest = new HashMap<>();
    private final Map<String, Instance> registered = new HashMap<>();

    public SpectestModule(Store store) {
        // The print functions only exist to be imported; printing would flood the test output.
        printFunction(store, "print");
        printFunction(store, "print_i32", ValType.I32);
        printFunction(store, "print_i64", ValType.I64);
        printFunction(store, "print_f32", ValType.F32);
        printFunction(store, "print_f64", ValType.F64);
        printFunction(store, "print_i32_f32", ValType.I32, ValType.F32);
        printFunction(store, "print_f64_f64", ValType.F64, ValType.F64);
        spectest.put("global_i32", new GlobalInstance(new GlobalType(ValType.I32, false), Values.i32(666)));
        spectest.put("global_i64", new GlobalInstance(new GlobalType(ValType.I64, false), 666L));
        spectest.put("global_f32", new GlobalInstance(new GlobalType(ValType.F32, false), Values.f32(666.6f)));
        spectest.put("global_f64", new GlobalInstance(new GlobalType(ValType.F64, false), Values.f64(666.6)));
        spectest.put("table", new TableInstance(new TableType(ValType.FUNCREF, new Limits(10, 20)), Values.NULL_REF));
        spectest.put("table64", new TableInstance(new TableType(ValType.FUNCREF, new Limits(10, 20, true)),
                Values.NULL_REF));
        spectest.put("memory", new MemoryInstance(new MemoryType(new Limits(1, 2))));
    }

    private void printFunction(Store store, String name, ValType... params) {
        FuncType type = new FuncType(params, new ValType[0]);
        spectest.put(name, store.hostFunction("spectest." + name, type, (caller, args) -> NO_RESULTS));
    }

    /** Makes an instance's exports importable under {@code moduleName}, as the script's {@code register} does. */
    public void register(String moduleName, Instance instance) {
        registered.put(moduleName, instance);
    }

    @Override
    public Extern resolve(String module, String name) {
        if (module.equals("spectest")) {
            return spectest.get(name);
        }
        Instance instance = registered.get(module);
        return instance == null ? null : instance.export(name);
    }
}
