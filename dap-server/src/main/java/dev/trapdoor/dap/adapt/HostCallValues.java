package dev.trapdoor.dap.adapt;

import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.ValType;
import dev.trapdoor.engine.wasi.WasiValues;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A host call's values by name, as {@link HostCallCondition} tests them: a WASI call's decoded ones
 * ({@link WasiValues}), or for any other host import its raw arguments (integers as {@link Long}s,
 * floats as {@link Double}s) {@code arg0}, {@code arg1}, ... and, once it
 * returned, {@code result} (or {@code result0}, {@code result1}, ...). A value may be {@code null}: a result a failed
 * call did not write.
 */
public final class HostCallValues {
    private HostCallValues() {
    }

    public static Map<String, Object> before(HostCallSite call, Instance instance) {
        if (call.isWasi()) {
            return WasiValues.before(call.imported().name(), call.args(), instance.memory());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        FuncType type = call.type();
        for (int k = 0; k < type.paramCount(); k++) {
            out.put("arg" + k, value(type.param(k), call.args()[k]));
        }
        return out;
    }

    public static Map<String, Object> after(HostCallSite call, long[] results, Instance instance) {
        if (call.isWasi() && results.length == 1) {
            Map<String, Object> out = WasiValues.after(call.imported().name(), call.args(), instance.memory(),
                    (int) results[0]);
            // A failed call wrote no results: they are there, without a value (no comparison with them holds).
            WasiValues.resultNames(call.imported().name()).forEach(n -> out.putIfAbsent(n, null));
            return out;
        }
        Map<String, Object> out = before(call, instance);
        FuncType type = call.type();
        for (int k = 0; k < Math.min(results.length, type.resultCount()); k++) {
            out.put(type.resultCount() == 1 ? "result" : "result" + k, value(type.result(k), results[k]));
        }
        return out;
    }

    /** An i32 or i64 as a {@link Long}, an f32 or f64 as a {@link Double}. */
    private static Object value(ValType type, long slot) {
        return switch (type) {
            case I32 -> (long) (int) slot;
            case F32 -> (double) Float.intBitsToFloat((int) slot);
            case F64 -> Double.longBitsToDouble(slot);
            default -> slot;
        };
    }
}
