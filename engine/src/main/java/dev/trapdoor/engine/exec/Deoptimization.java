package dev.trapdoor.engine.exec;

import java.util.List;

/**
 * Moves every frame of an invocation into the interpreter, so that a debug stop sees all of them. A stop (a
 * breakpoint, a step, a pause) in an interpreter run that compiled frames called cannot show those frames: they live
 * on the JVM stack. So the stop throws a {@link JitUnwind#deoptimization} instead of stopping; on the way out each
 * frame adds itself (interpreter frames from the value stack, compiled frames through their chunk's trap handler,
 * which copies their JVM locals out), and here, at the outermost invocation, they become interpreter frames again:
 * callers on the frame stack, the stopped frame running from its stop, which now fires with every frame in view.
 *
 * <p>A compiled frame stopped in a call: its slots are the exact translation's layout (every operand in its slot),
 * and it resumes in its function's current translation right after that call (a pc {@link FrameMove#map} finds).
 * What that translation keeps out of slots there needs nothing: an operand that aliases a local or constant reads it
 * unchanged (a call cannot write its caller's locals, and the translator materializes aliases before a local
 * changes), and a deferred store of a forwarded local writes the value the slot already holds.
 */
final class Deoptimization {
    private Deoptimization() {
    }

    /**
     * Rebuilds the frames {@code u} captured above {@code floor} and runs them to the invocation's end; again for
     * each later stop that needs it. A trap in them leaves as usual.
     */
    static void resume(Interpreter in, JitUnwind u, int floor, int jitDepth) {
        while (true) {
            if (!u.deopt) {
                throw Traps.complete(in, u);
            }
            CapturedFrame top = rebuild(in, u.captured, floor, jitDepth);
            try {
                if (u.compiledTop) {
                    JitExceptions.resume(in, top, u.raise, floor);
                    return;
                }
                in.runRebuilt(top.fn, top.fp, top.pc(), floor);
                return;
            } catch (JitUnwind next) {
                u = next;
            }
        }
    }

    private static CapturedFrame rebuild(Interpreter in, List<CapturedFrame> frames, int floor, int jitDepth) {
        in.depth = floor;
        in.jitDepth = jitDepth;
        // Outermost first: a callee's frame overlaps its caller's argument slots, and the callee's values win.
        for (int i = frames.size() - 1; i >= 1; i--) {
            CapturedFrame c = frames.get(i);
            if (c.slots == null) {
                in.pushCaller(c.fn, c.fp, c.resume);
                continue;
            }
            CompiledFunction exact = c.code();
            int callPc = c.pc();
            int[] code = exact.pristineCode();
            int argSlot = code[callPc] == Op.CALL ? code[callPc + 2] : code[callPc + 3];
            in.ensureStack(c.compiledFp + Math.max(argSlot, exact.frameSize));
            System.arraycopy(c.slots, 0, in.stack, c.compiledFp, Math.min(argSlot, c.slots.length));
            CompiledFunction current = Interpreter.compiled(c.fn);
            int resume = FrameMove.map(exact, current, callPc + Op.length(code, callPc));
            if (resume < 0) {
                throw new IllegalStateException("cannot move a compiled frame of " + c.fn.name()
                        + " into the interpreter after its call at module offset 0x"
                        + Integer.toHexString(c.moduleOffset()));
            }
            in.pushCaller(c.fn, c.compiledFp, resume);
        }
        return frames.get(0);
    }
}
