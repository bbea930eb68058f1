package dev.trapdoor.engine.exec;

/**
 * Wasm exceptions and compiled code. Compiled frames never run a handler: whatever throws in or through one moves
 * every frame of the invocation into the interpreter, which then handles the exception as if it had run them all
 * along. Two ways in:
 * <ul>
 *   <li>a compiled {@code throw}, {@code throw_ref} or {@code rethrow} throws {@link #throwing()}, a deoptimization
 *       whose first frame is the throwing compiled frame (its site handler copies out its slots); the interpreter
 *       runs that instruction again;</li>
 *   <li>a {@link WasmThrow} from a callee (a host function, an interpreter run) reaching a compiled call site becomes
 *       a deoptimization carrying it ({@code JitRt.trap}); the interpreter raises it at that call.</li>
 * </ul>
 * Every frame below adds itself on the way out, as for a debug stop ({@link Deoptimization}); the outermost
 * invocation rebuilds them and calls {@link #resume}. From there on the interpreter's own machinery decides: the
 * debugger's stop at the throw with every frame alive, the handler search by tag ({@link ExceptionHandlers}), the
 * stack of an uncaught exception. An interpreter run that compiled code called does the same when none of its own
 * handlers catches ({@link ExceptionOps}). The cost is paid only by a throw: the frames it moves finish their
 * activations in the interpreter (new calls, and loops through on-stack replacement, run compiled again).
 */
final class JitExceptions {
    private JitExceptions() {
    }

    /** What a compiled throwing instruction throws from its site. */
    static RuntimeException throwing() {
        return JitUnwind.compiledDeoptimization(null);
    }

    /**
     * Runs the compiled frame {@code top} that a deoptimization captured (its callers already rebuilt): from its
     * throwing instruction when {@code raise} is null, else raising {@code raise} at the call it came out of.
     */
    static void resume(Interpreter in, CapturedFrame top, WasmThrow raise, int floor) {
        CompiledFunction exact = top.code();
        int exactPc = top.pc();
        int[] code = exact.pristineCode();
        CompiledFunction current = Interpreter.compiled(top.fn);
        int fp = top.compiledFp;
        in.ensureStack(fp + Math.max(exact.frameSize, top.slots.length));
        if (raise == null) {
            System.arraycopy(top.slots, 0, in.stack, fp, top.slots.length);
            in.runRebuilt(top.fn, fp, movedPc(exact, current, exactPc, top), floor);
            return;
        }
        // What lies from the call's arguments up belongs to the callee that threw.
        int argSlot = code[exactPc] == Op.CALL ? code[exactPc + 2] : code[exactPc + 3];
        System.arraycopy(top.slots, 0, in.stack, fp, Math.min(argSlot, top.slots.length));
        int resume = movedPc(exact, current, exactPc + Op.length(code, exactPc), top);
        in.raiseRebuilt(raise, top.fn, fp, resume - 1, floor);
    }

    private static int movedPc(CompiledFunction exact, CompiledFunction current, int exactPc, CapturedFrame top) {
        int pc = FrameMove.map(exact, current, exactPc);
        if (pc < 0) {
            throw new IllegalStateException("cannot move a compiled frame of " + top.fn.name()
                    + " into the interpreter at module offset 0x" + Integer.toHexString(top.moduleOffset()));
        }
        return pc;
    }
}
