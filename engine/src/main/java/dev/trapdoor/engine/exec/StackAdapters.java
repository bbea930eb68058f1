package dev.trapdoor.engine.exec;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;

/**
 * {@link JitRt#viaStack}'s adapters for callees of up to {@value #MAX} parameters: each stores its arguments straight
 * into the value stack. The general adapter collects them into a {@code long[]} first ({@code asCollector}), and the
 * JDK's collector makes that array through {@code Array.newInstance}, which C2 did not inline at these call sites:
 * a JNI call and an allocation per call into an interpreted function, a host function or a function of several
 * chunks (about 5% of a Lua run's guest thread; benchmarks/RESULTS.md, session 18).
 */
final class StackAdapters {
    private StackAdapters() {
    }

    static final int MAX = 6;

    private static final MethodHandle[] BY_ARITY = new MethodHandle[MAX + 1];

    static {
        try {
            for (int n = 0; n <= MAX; n++) {
                Class<?>[] params = new Class<?>[5 + n];
                params[0] = MethodHandle.class;
                params[1] = Interpreter.class;
                params[2] = int.class;
                params[3] = int.class;
                params[4] = int.class;
                Arrays.fill(params, 5, params.length, long.class);
                BY_ARITY[n] = MethodHandles.lookup().findStatic(StackAdapters.class, "call",
                        MethodType.methodType(long.class, params));
            }
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * {@code (MethodHandle untyped, Interpreter in, int results, int fp, int slack, long... args)long} for {@code n}
     * arguments, or null past {@value #MAX}.
     */
    static MethodHandle forArity(int n) {
        return n <= MAX ? BY_ARITY[n] : null;
    }

    private static long call(MethodHandle untyped, Interpreter in, int results, int fp, int slack) throws Throwable {
        // The arguments were the caller's operands, so the caller's frame already holds their slots.
        int saved = JitRt.countTypedFrames(in, slack);
        try {
            untyped.invokeExact(fp);
        } finally {
            in.jitDepth = saved;
        }
        return results == 0 ? 0L : in.stack[fp];
    }

    private static long call(MethodHandle untyped, Interpreter in, int results, int fp, int slack, long a)
            throws Throwable {
        in.stack[fp] = a;
        return call(untyped, in, results, fp, slack);
    }

    // Each arity stores its last argument and hands the rest to the one below: small methods C2 inlines whole.
    private static long call(MethodHandle untyped, Interpreter in, int results, int fp, int slack, long a, long b)
            throws Throwable {
        in.stack[fp + 1] = b;
        return call(untyped, in, results, fp, slack, a);
    }

    private static long call(MethodHandle untyped, Interpreter in, int results, int fp, int slack, long a, long b,
            long c) throws Throwable {
        in.stack[fp + 2] = c;
        return call(untyped, in, results, fp, slack, a, b);
    }

    private static long call(MethodHandle untyped, Interpreter in, int results, int fp, int slack, long a, long b,
            long c, long d) throws Throwable {
        in.stack[fp + 3] = d;
        return call(untyped, in, results, fp, slack, a, b, c);
    }

    private static long call(MethodHandle untyped, Interpreter in, int results, int fp, int slack, long a, long b,
            long c, long d, long e) throws Throwable {
        in.stack[fp + 4] = e;
        return call(untyped, in, results, fp, slack, a, b, c, d);
    }

    private static long call(MethodHandle untyped, Interpreter in, int results, int fp, int slack, long a, long b,
            long c, long d, long e, long f) throws Throwable {
        in.stack[fp + 5] = f;
        return call(untyped, in, results, fp, slack, a, b, c, d, e);
    }
}
