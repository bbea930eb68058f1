package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.model.FuncType;

import java.util.Arrays;

/**
 * Function-pointer-cast emulation (an engine option): a {@code call_indirect} to a callee of another type runs
 * anyway, as it does natively, with the parameters the caller did not pass and the results the callee did not
 * produce read as zero. The caller's resume pc is saved negative ({@code -pc - 1}) so the return knows to adapt.
 */
final class CastEmulation {
    private CastEmulation() {
    }

    /**
     * Zero-fills the parameters the caller did not pass (extra ones are ignored) and reports the site to the
     * debugger. Returns the marked resume pc.
     */
    static int adapt(Interpreter in, FunctionInstance fn, int pc, int fp, FunctionInstance callee, FuncType expected,
                     int argFp) {
        if (in.debug() != null) {
            in.debug().onCast(fn, pc, fp, callee, expected);
        }
        int given = expected.paramCount();
        int wanted = callee.type.paramCount();
        in.ensureStack(argFp + Math.max(given, wanted) + 1);
        if (wanted > given) {
            Arrays.fill(in.stack, argFp + given, argFp + wanted, 0L);
        }
        return -(pc + 5) - 1;
    }

    /** On return from an adapted call: zero-fills results the callee did not produce; returns the caller's pc. */
    static int fixResults(Interpreter in, FunctionInstance callee, int calleeFp, int callerDepth, int saved) {
        int resume = Interpreter.resumePc(saved);
        FunctionInstance caller = in.frameFn[callerDepth];
        int typeIndex = caller.code.code[resume - 4];
        int expected = caller.instance.module.types().get(typeIndex).resultCount();
        zeroMissingResults(in, calleeFp, callee.type.resultCount(), expected);
        return resume;
    }

    /** After an adapted call at {@code calleeFp}: the results the caller expects beyond those produced are zero. */
    static void zeroMissingResults(Interpreter in, int calleeFp, int produced, int expected) {
        if (expected > produced) {
            in.ensureStack(calleeFp + expected);
            Arrays.fill(in.stack, calleeFp + produced, calleeFp + expected, 0L);
        }
    }
}
