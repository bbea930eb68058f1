package dev.trapdoor.engine.exec;

/**
 * Runs the dispatch loop and lands the exceptions it throws. An exception leaves {@link Interpreter#run} as a
 * {@link WasmThrow} that names the frame it left (its function, frame pointer and a pc inside the throwing
 * instruction). The search asks that frame's {@link ExceptionHandlers}, then each saved frame of this run below it
 * (at the pc of its call), down to the run's entry frame. Where a handler catches it, the frames above are dropped
 * (the depth is set), the handler's values are written into its frame, and the loop is entered again at the handler's
 * pc: nothing of the unwinding lives on the JVM stack. Where none does, the exception leaves this run, to the host
 * function, compiled frame or embedder that called it; a caller in an outer run names its own frame on the way
 * ({@link Interpreter#callOut}) and the search continues there.
 */
final class Unwinder {
    private Unwinder() {
    }

    static void run(Interpreter in, int[] code, int fp, int pc) {
        for (;;) {
            try {
                long at = Interpreter.run(in.stack, code, fp, pc, in);
                if (at < 0) {
                    return;
                }
                // A BREAK or a poll: the debugger's hook runs here, out of the dispatch loop (see Interpreter.run).
                fp = (int) (at >>> 32);
                if ((at & Interpreter.POLL_EXIT) != 0) {
                    code = in.pollOutside((int) at & Integer.MAX_VALUE, fp);
                    pc = in.pollPc;
                } else {
                    int op = in.onBreak((int) at, fp);
                    pc = in.pollPc;
                    code = in.pollCode;
                    // The frame may go on elsewhere than at a BREAK (code it moved to): then it runs code[pc] itself.
                    if (code[pc] == Op.BREAK) {
                        in.breakOp = op;
                    } else if (code[pc] < 0) {
                        in.reenterCounted(code[pc], op);
                    }
                }
                continue;
            } catch (Rewind rewind) {
                if (in.entryDepth() != 0) {
                    throw rewind;
                }
                fp = in.debug().recording().restore(rewind.snapshot);
                pc = rewind.snapshot.pc;
                code = in.codeAt(in.fn.code);
            } catch (FrameRestart restart) {
                fp = restart.enter(in);
                pc = 0;
                code = in.codeAt(in.fn.code);
            } catch (WasmThrow ex) {
                long at = land(in, ex);
                fp = (int) (at >>> 32);
                pc = (int) at;
                // A step under way in this frame stops at the handler: its code is the step copy.
                code = in.codeAt(in.fn.code);
            }
        }
    }

    /**
     * Raises {@code ex} at {@code sitePc} of the frame {@code (fn, fp)}, the running frame of {@code in}, as if its
     * instruction there had thrown it: tells the debugger first if nothing has, then lands and runs the handler.
     */
    static void raise(Interpreter in, WasmThrow ex, FunctionInstance fn, int fp, int sitePc) {
        if (!ex.announced) {
            ExceptionOps.thrown(in, ex, fn, sitePc, fp);
        }
        ex.at(fn, fp, sitePc);
        long at = land(in, ex);
        run(in, in.codeAt(in.fn.code), (int) (at >>> 32), (int) at);
    }

    /**
     * Finds the handler of {@code ex} in the frame it left or the saved frames of this run below it; pops the frames
     * above it and returns its frame pointer (high half) and pc, or rethrows {@code ex} when none catches it.
     */
    private static long land(Interpreter in, WasmThrow ex) {
        int d = in.depth;
        FunctionInstance f = ex.siteFn;
        int frameFp = ex.siteFp;
        int sitePc = ex.sitePc;
        int landing;
        for (;;) {
            ExceptionHandlers h = f == null || f.code == null ? null : f.code.handlers;
            landing = h == null || sitePc < 0 ? -1 : h.landing(sitePc, ex, f.instance, in, frameFp);
            if (landing >= 0 || d == in.entryDepth()) {
                break;
            }
            d--;
            f = in.frameFn[d];
            frameFp = in.frameFp[d];
            sitePc = Interpreter.resumePc(in.framePc[d]) - 1;
        }
        if (landing < 0) {
            throw ex;
        }
        in.depth = d;
        in.fn = f;
        in.inst = f.instance;
        return (long) frameFp << 32 | (landing & 0xFFFF_FFFFL);
    }
}
