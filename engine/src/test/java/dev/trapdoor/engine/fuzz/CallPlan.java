package dev.trapdoor.engine.fuzz;

import dev.trapdoor.engine.exec.Values;
import dev.trapdoor.engine.model.Export;
import dev.trapdoor.engine.model.ExternKind;
import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.ValType;
import dev.trapdoor.engine.model.WasmModule;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Which exports both sides call, in export order, and with which arguments: fixed values chosen by the call's and
 * the parameter's position from small pools of edge cases, so a run is reproducible from the seed alone. Exports
 * whose signature JavaScript cannot pass (v128) are left out; {@code hangLimitInitializer} is binaryen's reset of
 * its loop budget, which both sides call before every export instead.
 */
record CallPlan(List<Call> calls) {
    static final String HANG_LIMIT_RESET = "hangLimitInitializer";

    private static final int[] I32 = {0, 1, -1, 2, 255, -128, Integer.MAX_VALUE, Integer.MIN_VALUE, 65536, 1000};
    private static final long[] I64 = {0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 32, 42, -4294967296L};
    private static final float[] F32 = {0f, -0f, 1f, -1.5f, 3.4e38f, Float.MIN_VALUE, Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY, 0.1f, 65536.5f};
    private static final double[] F64 = {0d, -0d, 1d, -1.5d, 1.7e308, Double.MIN_VALUE, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, 0.1d, -4294967296.5d};

    record Call(String name, FuncType type, long[] args) {
    }

    static CallPlan of(WasmModule module) {
        List<Call> calls = new ArrayList<>();
        for (Export e : module.exports()) {
            if (e.kind() != ExternKind.FUNC || e.name().equals(HANG_LIMIT_RESET)) {
                continue;
            }
            FuncType type = module.functionType(e.index());
            if (hasV128(type.params()) || hasV128(type.results())) {
                continue;
            }
            long[] args = new long[type.paramCount()];
            for (int i = 0; i < args.length; i++) {
                args[i] = argument(type.param(i), calls.size() + i);
            }
            calls.add(new Call(e.name(), type, args));
        }
        return new CallPlan(calls);
    }

    private static boolean hasV128(ValType[] types) {
        for (ValType t : types) {
            if (t == ValType.V128) {
                return true;
            }
        }
        return false;
    }

    private static long argument(ValType type, int n) {
        return switch (type) {
            case I32 -> I32[n % I32.length];
            case I64 -> I64[n % I64.length];
            case F32 -> Values.f32(F32[n % F32.length]);
            case F64 -> Values.f64(F64[n % F64.length]);
            default -> Values.NULL_REF;
        };
    }

    /** The plan as one line of {@code fuzz/v8-runner.js}'s input: {@code PATH|NAME_HEX;ARGS;RESULT_TYPES|...}. */
    String line(Path wasm) {
        StringBuilder sb = new StringBuilder(wasm.toAbsolutePath().toString());
        for (Call c : calls) {
            sb.append('|').append(HexFormat.of().formatHex(c.name().getBytes(StandardCharsets.UTF_8))).append(';');
            for (int i = 0; i < c.args().length; i++) {
                sb.append(i == 0 ? "" : ",").append(c.type().param(i)).append('=');
                long a = c.args()[i];
                sb.append(switch (c.type().param(i)) {
                    case I32, I64 -> Long.toString(a);
                    case F32 -> Integer.toHexString((int) a);
                    case F64 -> Long.toHexString(a);
                    default -> "null";
                });
            }
            sb.append(';');
            for (int i = 0; i < c.type().resultCount(); i++) {
                sb.append(i == 0 ? "" : ",").append(c.type().result(i));
            }
        }
        return sb.toString();
    }
}
