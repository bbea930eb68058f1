package dev.trapdoor.engine.exec;

/**
 * A frame that a trap's debug event shows after its JVM frame is gone. A trap that passes through compiled code
 * reaches the debugger only at the outermost invocation, once every compiled frame has added itself on the way out
 * (the handler sees no difference: nothing runs between the trap and the event, and a trap ends the invocation).
 *
 * <p>An interpreter frame stays where it was in the value stack ({@code slots} null, {@code fp} its base, {@code pc}
 * in {@code code}). A compiled frame was copied out as it unwound: {@code slots} holds every slot of its frame in the
 * shared layout (local {@code i} at {@code i}, operand {@code h} at {@code localCount + 1 + h}), which is the layout
 * of the exact translation with every operand materialized, so it is shown through that translation, made on demand.
 */
final class CapturedFrame {
    final FunctionInstance fn;
    final int fp;
    final long[] slots;
    private CompiledFunction code;
    private int pc;
    private final int moduleOffset;

    private CapturedFrame(FunctionInstance fn, CompiledFunction code, int pc, int fp, long[] slots, int moduleOffset) {
        this.fn = fn;
        this.code = code;
        this.pc = pc;
        this.fp = fp;
        this.slots = slots;
        this.moduleOffset = moduleOffset;
    }

    /**
     * The pc the interpreter's frame stack holds for this frame as a caller ({@link Interpreter#resumePc} encoding),
     * for a deoptimization to push it back; unused otherwise.
     */
    int resume;
    /** Where a compiled frame's slots belong in the value stack (a deoptimization writes them there). */
    int compiledFp;

    static CapturedFrame interpreted(FunctionInstance fn, int pc, int fp) {
        return new CapturedFrame(fn, fn.code, pc, fp, null, fn.code.moduleOffset(pc));
    }

    /** An interpreter frame waiting for a call: {@code resume} is what its frame-stack entry holds. */
    static CapturedFrame caller(FunctionInstance fn, int resume, int fp) {
        CapturedFrame c = interpreted(fn, Interpreter.resumePc(resume) - 1, fp);
        c.resume = resume;
        return c;
    }

    static CapturedFrame compiled(FunctionInstance fn, int moduleOffset, long[] slots, int fp) {
        CapturedFrame c = new CapturedFrame(fn, null, -1, 0, slots, moduleOffset);
        c.compiledFp = fp;
        return c;
    }

    int moduleOffset() {
        return moduleOffset;
    }

    /** The exact translation a compiled frame's slots follow, made once per function. */
    static CompiledFunction exactLayout(FunctionInstance fn) {
        CompiledFunction exact = fn.exactLayout;
        if (exact == null) {
            // One per function: a throw caught in a loop moves the same frames again and again.
            exact = fn.exactLayout = Translator.translate(fn.instance.context(), fn.funcIndex, TranslationLevel.EXACT);
        }
        return exact;
    }

    /**
     * The pc of {@code fn}'s current interpreted code right after the call at {@code callOffset} returned, for a
     * compiled frame whose slots hold what the exact translation's would there; or -1.
     */
    static int afterCallPc(FunctionInstance fn, int callOffset) {
        CompiledFunction exact = exactLayout(fn);
        int callPc = exact.pcOf(callOffset);
        int[] code = exact.pristineCode();
        if (callPc < 0 || (code[callPc] != Op.CALL && code[callPc] != Op.CALL_INDIRECT)) {
            return -1;
        }
        return FrameMove.map(exact, Interpreter.compiled(fn), callPc + Op.length(code, callPc));
    }

    CompiledFunction code() {
        if (code == null) {
            CompiledFunction exact = exactLayout(fn);
            code = exact;
            pc = code.pcAtOrAfter(moduleOffset);
        }
        return code;
    }

    int pc() {
        code();
        return pc;
    }
}
