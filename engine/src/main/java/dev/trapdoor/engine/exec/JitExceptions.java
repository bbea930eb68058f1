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
 * handlers catches ({@link ExceptionOps}).
 *
 * <p>Without a debugger, the first frame on the way whose handler catches the exception ends that: a compiled one
 * ({@link #catchHere}) moves alone into the interpreter, which raises the exception at its site and runs the
 * handler and the rest of its activation, and its chunk returns as the function does; an interpreter frame
 * ({@link #caughtInRun}) lands it as an exception of its own run. The frames below stay compiled, so a loop of
 * pcall/error (one throw per iteration) keeps running compiled. Only an exception no frame catches, or any
 * exception under a debugger, moves the whole invocation.
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
        int argSlot = argSlot(code, exactPc);
        System.arraycopy(top.slots, 0, in.stack, fp, Math.min(argSlot, top.slots.length));
        int resume = movedPc(exact, current, exactPc + Op.length(code, exactPc), top);
        in.raiseRebuilt(raise, top.fn, fp, resume - 1, floor);
    }

    /**
     * At the handler of compiled frame {@code c} (at {@code fp}), which has just added itself to {@code u}: when no
     * debugger needs every frame and a handler of this frame catches the exception {@code u} carries, moves this frame
     * alone into the interpreter, raises the exception at its site there and runs the handler and the rest of the
     * activation; answers whether it did (the frame's chunk then returns as the function does). The frames above are
     * gone, as the exception unwound them; the frames below stay compiled. So a throw caught near where it was thrown
     * (Lua's pcall/error, C++'s try/catch) costs one frame's move, not the invocation's.
     */
    static boolean catchHere(JitUnwind u, JitContext c, int fp) {
        Interpreter in = c.in;
        if (!u.deopt || u.captured == null || u.jitDepthAtThrow < 0 || u.movesAll || in.debug() != null) {
            return false;
        }
        CompiledFunction current = Interpreter.compiled(c.fn);
        if (current.handlers == null) {
            return false;
        }
        boolean atThrow = u.compiledTop && u.raise == null && u.captured.size() == 1;
        WasmThrow ex = thrown(in, u);
        if (ex == null) {
            return false;
        }
        CapturedFrame self = u.captured.get(u.captured.size() - 1);
        CompiledFunction exact = self.code();
        int exactPc = self.pc();
        int[] code = exact.pristineCode();
        int sitePc;
        int upTo;
        if (atThrow) {
            sitePc = FrameMove.map(exact, current, exactPc);
            upTo = self.slots.length;
        } else {
            if (code[exactPc] != Op.CALL && code[exactPc] != Op.CALL_INDIRECT) {
                return false;
            }
            int resume = FrameMove.map(exact, current, exactPc + Op.length(code, exactPc));
            sitePc = resume < 0 ? -1 : resume - 1;
            upTo = argSlot(code, exactPc);
        }
        if (sitePc < 0) {
            u.movesAll = true;
            return false;
        }
        if (!current.handlers.catches(sitePc, ex, c.fn.instance)) {
            return false;
        }
        if (!current.handlers.catchesByValue(sitePc, ex, c.fn.instance)) {
            u.movesAll = true;
            return false;
        }
        in.ensureStack(fp + Math.max(exact.frameSize, self.slots.length));
        System.arraycopy(self.slots, 0, in.stack, fp, Math.min(upTo, self.slots.length));
        // The compiled frames above are gone and this one runs interpreted; its chunk's return counts it out again.
        int jitDepth = u.jitDepthAtThrow - u.compiledFrames;
        in.jitDepth = jitDepth;
        in.raiseBridged(ex, c.fn, fp, sitePc);
        in.jitDepth = jitDepth + 1;
        return true;
    }

    /**
     * At an interpreter frame's call out of which {@code u} came: whether a handler of this run will catch the
     * exception it carries (the caller then throws that exception at the call, where the interpreter lands it). Not
     * a catch by reference: the {@code exnref} it makes is swept only when no compiled frame runs, so that one moves
     * the invocation, as does a compiled frame's ({@link #catchHere}).
     */
    static boolean caughtInRun(Interpreter in, JitUnwind u, int resume) {
        if (!u.deopt || u.captured == null || u.movesAll || in.debug() != null || thrown(in, u) == null) {
            return false;
        }
        FunctionInstance f = in.fn;
        int pc = Interpreter.resumePc(resume) - 1;
        for (int d = in.depth; ; d--) {
            ExceptionHandlers h = f == null || f.code == null ? null : f.code.handlers;
            if (h != null && pc >= 0 && h.catches(pc, u.thrown, f.instance)) {
                u.movesAll = !h.catchesByValue(pc, u.thrown, f.instance);
                return !u.movesAll;
            }
            if (d == in.entryDepth()) {
                return false;
            }
            f = in.frameFn[d - 1];
            pc = Interpreter.resumePc(in.framePc[d - 1]) - 1;
        }
    }

    /**
     * The exception {@code u} carries, built from its throwing compiled frame if need be; null (and no frame below may
     * catch it first) when that is unknown.
     */
    private static WasmThrow thrown(Interpreter in, JitUnwind u) {
        if (u.thrown == null && u.compiledTop && u.raise == null && !u.captured.isEmpty()) {
            u.thrown = build(in, u.captured.get(0));
        }
        if (u.thrown == null) {
            u.movesAll = true;
        }
        return u.thrown;
    }

    /** The exception the throwing instruction of compiled frame {@code top} throws, or null if it would trap. */
    private static WasmThrow build(Interpreter in, CapturedFrame top) {
        CompiledFunction exact = top.code();
        int pc = top.pc();
        int[] code = exact.pristineCode();
        if (pc < 0 || !ExceptionOps.isThrow(code[pc])) {
            return null;
        }
        int fp = top.compiledFp;
        // The frame has left for good: its slots go where the interpreter's throw reads them.
        in.ensureStack(fp + Math.max(exact.frameSize, top.slots.length));
        System.arraycopy(top.slots, 0, in.stack, fp, top.slots.length);
        try {
            return ExceptionOps.create(code[pc], in, top.fn.instance, code, pc, in.stack, fp);
        } catch (TrapSignal | IllegalStateException e) {
            return null;
        }
    }

    private static int argSlot(int[] code, int callPc) {
        return code[callPc] == Op.CALL ? code[callPc + 2] : code[callPc + 3];
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
