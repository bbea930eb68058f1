package dev.trapdoor.engine.exec;

import java.lang.invoke.MethodHandle;

/**
 * Tail calls made by compiled code, and tail calls of compiled functions made by the interpreter. A compiled
 * {@code return_call} names its callee here ({@link #direct}, {@link #indirect}), moves its arguments to its own frame
 * pointer and returns from its chunk with the call pending; its {@code call} entry leaves the frame and runs
 * {@link #finish}, a loop that runs the pending callee's {@code body} entry (which leaves its own tail call pending
 * rather than finishing it) until no call is pending. So mutual tail recursion of any depth takes one JVM frame of
 * the loop, and the frames a trap or a deoptimization collects on the way out are the ones that exist: the callee,
 * then the caller of the replaced frame.
 *
 * <p>The interpreter's {@link TailCalls} runs a compiled callee through {@link #fromInterpreter}, the same loop, which
 * hands an interpreted callee back to it to push as a frame: tail calls that cross tiers stay in constant stack too.
 */
final class JitTailCalls {
    private JitTailCalls() {
    }

    /** A compiled {@code return_call} of function {@code funcIndex} at {@code moduleOffset}. */
    static void direct(JitContext c, int funcIndex, int moduleOffset) {
        pending(c, c.inst.functions[funcIndex], moduleOffset);
    }

    /**
     * A compiled {@code return_call_indirect} (table {@code tableIndex}) or {@code return_call_ref} (table -1, the
     * element being the reference): the interpreter's checks and traps, then the callee is pending.
     */
    static void indirect(JitContext c, int typeIndex, int tableIndex, int element, int moduleOffset) {
        pending(c, SlowOps.indirectTarget(c.inst, typeIndex, tableIndex, element, false), moduleOffset);
    }

    private static void pending(JitContext c, FunctionInstance callee, int moduleOffset) {
        Interpreter in = c.in;
        in.tailCallee = callee;
        in.tailCaller = c.fn;
        in.tailOffset = moduleOffset;
    }

    /**
     * The trampoline: runs the tail calls pending for the frame that was at {@code fp}, whose entry has just left it.
     * An interpreted callee runs in the interpreter, whose own tail calls to compiled code come back through
     * {@link #fromInterpreter} without nesting.
     */
    static void finish(JitContext c, int fp) throws Throwable {
        Interpreter in = c.in;
        for (;;) {
            FunctionInstance g = in.tailCallee;
            if (g == null) {
                return;
            }
            in.tailCallee = null;
            if (g.host != null) {
                JitRt.callHost(g, in.tailCaller, in.tailOffset, fp);
                return;
            }
            MethodHandle body = body(in, g);
            if (body == null) {
                if (--g.hotness == 0) {
                    Tiering.hot(g);
                }
                in.runBridged(g, fp);
                return;
            }
            body.invokeExact(fp);
        }
    }

    /** The compiled entry a tail call of {@code g} runs, or null when it runs in the interpreter. */
    static MethodHandle body(Interpreter in, FunctionInstance g) {
        MethodHandle body = g.jitBody;
        if (g.jit == null || body == null) {
            return null;
        }
        DebugSupport debug = in.debug();
        // A step into a call stops in the callee, which only the interpreter does.
        return debug != null && debug.entersCalls() ? null : body;
    }

    /**
     * The interpreter's tail call of compiled {@code g}, its arguments at {@code fp}: runs it and the compiled tail
     * calls after it. Returns null once they have returned (results at {@code fp}), or the next callee that does not
     * run compiled (a host function, or one for the interpreter to push as the frame at {@code fp}).
     */
    static FunctionInstance fromInterpreter(Interpreter in, FunctionInstance g, int fp) {
        int savedDepth = in.depth;
        int savedJitDepth = in.jitDepth;
        MethodHandle body = body(in, g);
        while (body != null) {
            try {
                JitRt.callCompiled(body, fp);
            } catch (JitUnwind u) {
                in.depth = savedDepth;
                in.jitDepth = savedJitDepth;
                // The interpreter's running frame is the one the tail call replaced: no trap or stop lists it.
                u.interpreterFrameListed = true;
                // The frames below in this run are not asked whether they catch a Wasm exception it carries.
                u.movesAll = true;
                throw u;
            }
            g = in.tailCallee;
            if (g == null) {
                return null;
            }
            in.tailCallee = null;
            body = g.host != null ? null : body(in, g);
        }
        return g;
    }
}
