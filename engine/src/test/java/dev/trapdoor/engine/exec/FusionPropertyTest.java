package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.testing.Wabt;
import dev.trapdoor.engine.trap.Trap;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every fusion of the translator ({@link Fusions}, the address folds, {@link LocalForwards}) against the same
 * computation unfused, on random operands. The unfused reference is the same expression with each inner result
 * wrapped in a {@code block}: a block's end is a branch target, and no fusion crosses one, so the reference runs the
 * plain instructions (each checked by the spec suite) one after the other.
 *
 * <p>Each operand comes from each kind of source, since that is where fusions went wrong (issue 27: a store's
 * constant value written over its loaded base): a parameter (a local alias), a constant (an immediate or a slot
 * written late), a call's result (a slot) and a load's result (a slot written by a load). The result goes straight
 * to the return or through a local (a fused instruction's destination retargeted). Each family also checks that the
 * fused form really emits its fused instruction somewhere, so the test cannot pass by testing nothing.
 */
class FusionPropertyTest {
    private static final long SEED = 27;
    /** Calls per pattern, spread over its variants (at least 4 each). */
    private static final int CALLS = 1500;
    /** Where a LOAD source keeps its operand (the prologue stores it there), away from the accessed addresses. */
    private static final int SCRATCH = 65000;

    private enum Source { PARAM, CONST, CALL, LOAD }

    private enum Sink { DIRECT, LOCAL }

    /**
     * A fused pattern: its operand types, its result type ("" for none: stores, compared by memory), the opcodes
     * its fused form must emit in at least one variant, and its body given operand expressions and a wrapper that
     * is the identity in the fused form and a block in the reference.
     */
    private record Pattern(String name, String[] operands, String result, int[] fusedOps,
                           BodyTemplate body) {
    }

    @FunctionalInterface
    private interface BodyTemplate {
        String body(String[] ops, Function<String[], String> wrap);
    }

    /** {@code wrap.apply(new String[]{type, expr})}: the expression, or the expression in a block of that type. */
    private static Function<String[], String> wrapper(boolean reference) {
        return te -> reference ? "(block (result " + te[0] + ") " + te[1] + ")" : te[1];
    }

    private static String[] w(String type, String expr) {
        return new String[]{type, expr};
    }

    private static List<Pattern> patterns() {
        List<Pattern> p = new ArrayList<>();
        String[] i32Ops = {"add", "sub", "mul", "and", "or", "xor", "shl", "shr_s", "shr_u", "rotl"};
        for (String op : i32Ops) {
            p.add(new Pattern("i32." + op + " with an immediate", new String[]{"i32", "i32"}, "i32", new int[0],
                    (o, wr) -> "(i32." + op + " " + o[0] + " " + o[1] + ")"));
            p.add(new Pattern("i64." + op + " with an immediate", new String[]{"i64", "i64"}, "i64", new int[0],
                    (o, wr) -> "(i64." + op + " " + o[0] + " " + o[1] + ")"));
        }
        for (String t : new String[]{"f32", "f64"}) {
            for (String op : new String[]{"add", "sub", "mul"}) {
                p.add(new Pattern(t + "." + op + " with an immediate", new String[]{t, t}, t, new int[0],
                        (o, wr) -> "(" + t + "." + op + " " + o[0] + " " + o[1] + ")"));
            }
            boolean f64 = t.equals("f64");
            p.add(new Pattern(t + " c + x * y", new String[]{t, t, t}, t,
                    new int[]{f64 ? Op.F64_MUL_ADD : Op.F32_MUL_ADD},
                    (o, wr) -> "(" + t + ".add " + o[0] + " " + wr.apply(w(t, "(" + t + ".mul " + o[1] + " " + o[2]
                            + ")")) + ")"));
            p.add(new Pattern(t + " x * y + c", new String[]{t, t, t}, t,
                    new int[]{f64 ? Op.F64_MUL_ADD : Op.F32_MUL_ADD},
                    (o, wr) -> "(" + t + ".add " + wr.apply(w(t, "(" + t + ".mul " + o[1] + " " + o[2] + ")")) + " "
                            + o[0] + ")"));
            p.add(new Pattern(t + " c - x * y", new String[]{t, t, t}, t,
                    new int[]{f64 ? Op.F64_MUL_SUB : Op.F32_MUL_SUB},
                    (o, wr) -> "(" + t + ".sub " + o[0] + " " + wr.apply(w(t, "(" + t + ".mul " + o[1] + " " + o[2]
                            + ")")) + ")"));
        }
        for (String[] m : new String[][]{{"f32", "add"}, {"f64", "add"}, {"f64", "sub"}, {"f64", "mul"}}) {
            String t = m[0];
            int fused = switch (t + m[1]) {
                case "f32add" -> Op.F32_ADD_LOAD;
                case "f64add" -> Op.F64_ADD_LOAD;
                case "f64sub" -> Op.F64_SUB_LOAD;
                default -> Op.F64_MUL_LOAD;
            };
            p.add(new Pattern(t + "." + m[1] + " of a load", new String[]{t, "i32"}, t, new int[]{fused},
                    (o, wr) -> "(" + t + "." + m[1] + " " + o[0] + " " + wr.apply(w(t, "(" + t + ".load offset=3 "
                            + address(o[1]) + ")")) + ")"));
        }
        String[][] loads = {{"i32", "i32.load"}, {"i64", "i64.load"}, {"f32", "f32.load"}, {"f64", "f64.load"},
                {"i32", "i32.load8_s"}, {"i32", "i32.load16_u"}, {"i64", "i64.load32_s"}};
        for (String[] l : loads) {
            p.add(new Pattern(l[1] + " of base + K", new String[]{"i32", "i32"}, l[0], new int[0],
                    (o, wr) -> "(" + l[1] + " offset=5 " + wr.apply(w("i32", "(i32.add " + o[0] + " " + o[1] + ")"))
                            + ")"));
        }
        String[][] stores = {{"i32", "i32.store"}, {"i64", "i64.store"}, {"f32", "f32.store"}, {"f64", "f64.store"},
                {"i32", "i32.store8"}, {"i32", "i32.store16"}, {"i64", "i64.store32"}};
        for (String[] s : stores) {
            p.add(new Pattern(s[1] + " at base + K", new String[]{"i32", "i32", s[0]}, "", new int[0],
                    (o, wr) -> "(" + s[1] + " offset=2 " + wr.apply(w("i32", "(i32.add " + o[0] + " " + o[1] + ")"))
                            + " " + o[2] + ")"));
        }
        for (String t : new String[]{"i32", "i64"}) {
            int scaled = t.equals("i32") ? Op.I32_LOAD_SCALED : Op.I64_LOAD_SCALED;
            p.add(new Pattern(t + ".load of x << k", new String[]{"i32", "i32"}, t, new int[]{scaled},
                    (o, wr) -> "(" + t + ".load offset=4 " + wr.apply(w("i32", "(i32.shl " + o[0] + " " + o[1]
                            + ")")) + ")"));
            p.add(new Pattern(t + ".load of (x << k) + K", new String[]{"i32", "i32", "i32"}, t, new int[]{scaled},
                    (o, wr) -> "(" + t + ".load " + wr.apply(w("i32", "(i32.add " + wr.apply(w("i32", "(i32.shl "
                            + o[0] + " " + o[1] + ")")) + " " + o[2] + ")")) + ")"));
        }
        p.add(new Pattern("i32 c ^ (a >>> k)", new String[]{"i32", "i32", "i32"}, "i32", new int[]{Op.I32_XOR_SHR_U},
                (o, wr) -> "(i32.xor " + o[0] + " " + wr.apply(w("i32", "(i32.shr_u " + o[1] + " " + o[2] + ")"))
                        + ")"));
        p.add(new Pattern("i64 (a >>> k) ^ c", new String[]{"i64", "i64", "i64"}, "i64", new int[]{Op.I64_XOR_SHR_U},
                (o, wr) -> "(i64.xor " + wr.apply(w("i64", "(i64.shr_u " + o[1] + " " + o[2] + ")")) + " " + o[0]
                        + ")"));
        // The i32 xor takes the i64 shift over whole (its consumers read the low 32 bits only).
        p.add(new Pattern("i32 c ^ wrap(a >>> k)", new String[]{"i32", "i64", "i64"}, "i32",
                new int[]{Op.I64_XOR_SHR_U},
                (o, wr) -> "(i32.xor " + o[0] + " " + wr.apply(w("i32", "(i32.wrap_i64 (i64.shr_u " + o[1] + " "
                        + o[2] + "))")) + ")"));
        p.add(new Pattern("i64 (c ^ (a >>> k)) * K", new String[]{"i64", "i64", "i64", "i64"}, "i64",
                new int[]{Op.I64_XOR_SHR_U_MUL},
                (o, wr) -> "(i64.mul " + wr.apply(w("i64", "(i64.xor " + o[0] + " " + wr.apply(w("i64",
                        "(i64.shr_u " + o[1] + " " + o[2] + ")")) + ")")) + " " + o[3] + ")"));
        for (String cmp : new String[]{"eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u"}) {
            p.add(new Pattern("br_if on i32." + cmp, new String[]{"i32", "i32"}, "i32", new int[0],
                    (o, wr) -> "(block $b (br_if $b " + wr.apply(w("i32", "(i32." + cmp + " " + o[0] + " " + o[1]
                            + ")")) + ") (return (i32.const 10))) (i32.const 20)"));
            p.add(new Pattern("if on i32." + cmp, new String[]{"i32", "i32"}, "i32", new int[0],
                    (o, wr) -> "(if (result i32) " + wr.apply(w("i32", "(i32." + cmp + " " + o[0] + " " + o[1]
                            + ")")) + " (then (i32.const 10)) (else (i32.const 20)))"));
        }
        p.add(new Pattern("br_if on i32.eqz", new String[]{"i32"}, "i32", new int[0],
                (o, wr) -> "(block $b (br_if $b " + wr.apply(w("i32", "(i32.eqz " + o[0] + ")"))
                        + ") (return (i32.const 10))) (i32.const 20)"));
        // A loop counter's step with the branch testing it: the counter is a local, the bound an operand.
        p.add(new Pattern("loop counter i + k tested by br_if", new String[]{"i32", "i32", "i32"}, "i32",
                new int[]{Op.INC_BR_CMP_IMM, Op.INC_BR_CMP},
                (o, wr) -> "(local.set $i " + o[0] + ") (block $exit (loop $l"
                        + " (br_if $exit (i32.ge_u (local.get $n) (i32.const 50)))"
                        + " (local.set $n (i32.add (local.get $n) (i32.const 1)))"
                        + " (br_if $l " + wr.apply(w("i32", "(i32.lt_s (local.tee $i (i32.add (local.get $i) " + o[1]
                        + ")) " + o[2] + ")")) + ")))"
                        + " (i32.add (local.get $i) (i32.mul (local.get $n) (i32.const 1000)))"));
        // LocalForwards: a single-use local set from a local or a constant is forwarded to its one read; its store
        // must still happen before the source changes and before a branch.
        p.add(new Pattern("a forwarded local whose source changes before the read", new String[]{"i32", "i32"},
                "i32", new int[0],
                (o, wr) -> "(local.set $i " + wr.apply(w("i32", "(local.get 0)")) + ") (local.set 0 " + o[1] + ")"
                        + " (i32.sub (local.get $i) (i32.add (local.get 0) " + o[0] + "))"));
        p.add(new Pattern("a forwarded value across a branch", new String[]{"i32", "i32"}, "i32", new int[0],
                (o, wr) -> "(local.set $n " + wr.apply(w("i32", o[0])) + ") (block $b (br_if $b " + o[1] + "))"
                        + " (i32.add (local.get $n) (i32.const 3))"));
        return p;
    }

    /** An address that is usually inside the first page and sometimes not, from an i32 operand. */
    private static String address(String operand) {
        return "(i32.and " + operand + " (i32.const 0x1fffff))";
    }

    @TestFactory
    Stream<DynamicTest> eachFusionMatchesTheUnfusedComputation() {
        return patterns().stream().map(p -> DynamicTest.dynamicTest(p.name(), () -> check(p)));
    }

    private static void check(Pattern p) {
        SplittableRandom random = new SplittableRandom(SEED ^ p.name().hashCode());
        int arity = p.operands().length;
        int combos = (int) Math.pow(Source.values().length, arity);
        StringBuilder module = new StringBuilder("(module (memory 1)");
        for (String t : new String[]{"i32", "i64", "f32", "f64"}) {
            module.append(" (func $id_").append(t).append(" (param ").append(t).append(") (result ").append(t)
                    .append(") (local.get 0))");
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c < combos; c++) {
            Source[] sources = new Source[arity];
            for (int i = 0, x = c; i < arity; i++, x /= Source.values().length) {
                sources[i] = Source.values()[x % Source.values().length];
            }
            for (Sink sink : Sink.values()) {
                if (sink == Sink.LOCAL && p.result().isEmpty()) {
                    continue;
                }
                String[] ops = new String[arity];
                for (int i = 0; i < arity; i++) {
                    ops[i] = operand(sources[i], p.operands()[i], i, random);
                }
                String name = "c" + c + sink;
                names.add(name);
                module.append(function("f_" + name, p, ops, sources, sink, false));
                module.append(function("r_" + name, p, ops, sources, sink, true));
            }
        }
        module.append(")");
        byte[] wasm = Wabt.wat(module.toString());
        long fill = random.nextLong();
        Instance fused = instance(wasm, fill);
        Instance reference = instance(wasm, fill);
        boolean emitted = p.fusedOps().length == 0;
        int samples = Math.max(4, CALLS / names.size());
        for (String name : names) {
            emitted |= emits(fused, "f_" + name, p.fusedOps());
            for (int s = 0; s < samples; s++) {
                long[] args = new long[arity];
                for (int i = 0; i < arity; i++) {
                    args[i] = value(p.operands()[i], random);
                }
                String got = run(fused, "f_" + name, args, p.result().isEmpty());
                String want = run(reference, "r_" + name, args, p.result().isEmpty());
                assertEquals(want, got, p.name() + ", " + name + ", operands " + Arrays.toString(args));
            }
        }
        assertTrue(emitted, p.name() + ": no variant emitted a fused instruction " + Arrays.toString(p.fusedOps()));
    }

    private static String function(String name, Pattern p, String[] ops, Source[] sources, Sink sink,
                                   boolean reference) {
        StringBuilder f = new StringBuilder(" (func (export \"" + name + "\")");
        for (String t : p.operands()) {
            f.append(" (param ").append(t).append(")");
        }
        if (!p.result().isEmpty()) {
            f.append(" (result ").append(p.result()).append(")");
        }
        f.append(" (local $i i32) (local $n i32)");
        if (!p.result().isEmpty()) {
            f.append(" (local $r ").append(p.result()).append(")");
        }
        for (int i = 0; i < sources.length; i++) {
            if (sources[i] == Source.LOAD) {
                f.append(" (").append(p.operands()[i]).append(".store (i32.const ").append(SCRATCH + 8 * i)
                        .append(") (local.get ").append(i).append("))");
            }
        }
        String body = p.body().body(ops, wrapper(reference));
        if (sink == Sink.LOCAL) {
            // Folded: the body's instructions, then local.set of the last value (the fused result, retargeted).
            f.append(" (local.set $r ").append(body).append(") (local.get $r)");
        } else {
            f.append(" ").append(body);
        }
        return f.append(")").toString();
    }

    private static String operand(Source s, String type, int i, SplittableRandom random) {
        return switch (s) {
            case PARAM -> "(local.get " + i + ")";
            case CONST -> "(" + type + ".const " + literal(type, value(type, random)) + ")";
            case CALL -> "(call $id_" + type + " (local.get " + i + "))";
            case LOAD -> "(" + type + ".load (i32.const " + (SCRATCH + 8 * i) + "))";
        };
    }

    private static String literal(String type, long v) {
        return switch (type) {
            case "i32" -> Integer.toString((int) v);
            case "i64" -> Long.toString(v);
            // Hex float literals are exact, NaN payloads included.
            case "f32" -> Float.isNaN(Float.intBitsToFloat((int) v))
                    ? "nan:0x" + Integer.toHexString((int) v & 0x7F_FFFF | 0x40_0000)
                    : Float.toHexString(Float.intBitsToFloat((int) v)).replace("Infinity", "inf");
            default -> Double.isNaN(Double.longBitsToDouble(v)) ? "nan"
                    : Double.toHexString(Double.longBitsToDouble(v)).replace("Infinity", "inf");
        };
    }

    private static final int[] I32_EDGES = {0, 1, -1, 2, 3, 4, 5, 7, 8, 31, 32, 33, 63, 64, 100, 1000, 65531, 65532,
            65535, 65536, -4, -5, -8, 0x7FFF_0000, Integer.MIN_VALUE, Integer.MAX_VALUE};

    private static long value(String type, SplittableRandom r) {
        int pick = r.nextInt(4);
        return switch (type) {
            case "i32" -> pick == 0 ? r.nextInt() : pick == 1 ? r.nextInt(70_000)
                    : I32_EDGES[r.nextInt(I32_EDGES.length)];
            case "i64" -> pick == 0 ? r.nextLong() : pick == 1 ? r.nextInt(70_000)
                    : (long) I32_EDGES[r.nextInt(I32_EDGES.length)] << (r.nextBoolean() ? 0 : 32);
            case "f32" -> Values.f32(pick == 0 ? Float.intBitsToFloat(r.nextInt()) : (float) (r.nextGaussian() * 1e3));
            default -> Values.f64(pick == 0 ? Double.longBitsToDouble(r.nextLong()) : r.nextGaussian() * 1e6);
        };
    }

    /** An instance whose memory holds random bytes from the seed (the same in the fused and reference ones). */
    private static Instance instance(byte[] wasm, long fill) {
        Instance inst = new Store().instantiate(Wasm.load(wasm), ImportResolver.NONE);
        byte[] bytes = new byte[inst.memory().byteSize()];
        new SplittableRandom(fill).nextBytes(bytes);
        inst.memory().write(0, bytes);
        return inst;
    }

    /** Calls and describes the outcome: the results or the trap, and for stores a digest of the memory. */
    private static String run(Instance inst, String name, long[] args, boolean stores) {
        String outcome;
        try {
            outcome = Arrays.toString(inst.invoke(name, args));
        } catch (Trap t) {
            outcome = "trap " + t.kind();
        }
        return stores ? outcome + " memory " + Arrays.hashCode(inst.memory().read(0, inst.memory().byteSize())) : outcome;
    }

    private static boolean emits(Instance inst, String name, int[] ops) {
        int[] code = Interpreter.compiled(inst.function(name)).code;
        for (int pc = 0; pc < code.length; pc += Op.length(code, pc)) {
            for (int op : ops) {
                if (code[pc] == op) {
                    return true;
                }
            }
        }
        return false;
    }
}
