package dev.trapdoor.dap.adapt;

import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.ValType;
import dev.trapdoor.engine.wasi.Errno;
import dev.trapdoor.engine.wasi.WasiImports;
import dev.trapdoor.engine.wasi.WasiValues;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The "WASI call" scope of a frame stopped on a call to an imported function (where a function breakpoint on an
 * import stops), and the "WASI result" scope after stepping over one: the callee, its arguments decoded for WASI
 * (paths, iovec text, flag names) or raw for any other host import, and then the result (errno by name, bytes
 * written, the new fd).
 */
public final class HostCallScope {
    private HostCallScope() {
    }

    /** The entries of the scope of a call about to be made. */
    public static Map<String, String> before(HostCallSite call, Instance instance) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("function", call.qualifiedName());
        List<Map.Entry<String, String>> decoded = call.isWasi()
                ? WasiImports.decodeArguments(call.imported().name(), call.args(), instance.memory()) : List.of();
        if (decoded.isEmpty()) {
            FuncType type = call.type();
            for (int k = 0; k < type.paramCount(); k++) {
                m.put("arg" + k, raw(type.param(k), call.args()[k]));
            }
        } else {
            int k = 0;
            for (Map.Entry<String, String> e : decoded) {
                m.put(k++ + ": " + e.getKey(), e.getValue());
            }
        }
        return m;
    }

    /** The entries of the scope of a call that returned {@code results}. */
    public static Map<String, String> after(HostCallSite call, long[] results, Instance instance) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("function", call.qualifiedName());
        if (call.isWasi() && results.length == 1) {
            int errno = (int) results[0];
            Errno e = Errno.of(errno);
            m.put("errno", errno + " " + (e == null ? "?" : e.name()));
            Map<String, Object> values = WasiValues.after(call.imported().name(), call.args(), instance.memory(),
                    errno);
            for (String name : WasiValues.resultNames(call.imported().name())) {
                if (values.get(name) != null) {
                    m.put(name, values.get(name).toString());
                }
            }
            if (values.get("data") instanceof String data && values.containsKey("nread")) {
                m.put("data", quoted(data));
            }
            return m;
        }
        FuncType type = call.type();
        for (int k = 0; k < Math.min(results.length, type.resultCount()); k++) {
            m.put("result" + (type.resultCount() == 1 ? "" : k), raw(type.result(k), results[k]));
        }
        return m;
    }

    /** A raw value with its Wasm type, as the Wasm scopes show one: {@code i32 -3}, {@code f64 0.5}. */
    static String raw(ValType type, long value) {
        return type + " " + WasmValues.format(type, value, false);
    }

    private static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t")
                .replace("\r", "\\r") + "\"";
    }
}
