package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.trap.Trap;
import dev.trapdoor.engine.trap.TrapDetail;
import dev.trapdoor.engine.trap.TrapKind;
import dev.trapdoor.engine.trap.WasmFrame;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns what went wrong inside the dispatch loop into a {@link Trap}: fires the debugger's trap event first, while
 * every frame is still on the interpreter's frame stack, then records those frames. Kept out of {@link Interpreter}
 * so the dispatch loop's class holds only the loop and its frame bookkeeping.
 */
final class Traps {
    private Traps() {
    }

    /** A trap signalled by an instruction of {@code fn} at {@code pc}. */
    static RuntimeException signalled(Interpreter in, FunctionInstance fn, TrapSignal signal, int pc, int fp) {
        TrapDetail detail = signal.detail;
        if (detail instanceof TrapDetail.IndirectCall ic) {
            detail = ic.withCaller(fn.funcIndex, fn.code.moduleOffset(pc));
        }
        return trapped(in, signal.kind, detail, fn, pc, fp);
    }

    /**
     * An index out of bounds in {@code fn} at {@code pc}: a memory access that faulted becomes its trap; anything
     * else is a bug in the interpreter and is rethrown as it is.
     */
    static RuntimeException outOfBounds(Interpreter in, FunctionInstance fn, IndexOutOfBoundsException e, int[] code,
                                        int pc, int fp) {
        int op = fn.code.original(pc);
        if (!Op.isAccess(op)) {
            return e;
        }
        return trapped(in, TrapKind.MEMORY_OUT_OF_BOUNDS, SlowOps.describeAccess(op, code, pc, in.stack, fp,
                fn.instance.memory0 == null ? 0 : fn.instance.memory0.size), fn,
                pc, fp);
    }

    /**
     * Fires the trap event while every frame is still on the stack, then builds the trap to unwind with: a
     * {@link JitUnwind} instead when compiled frames lie below this run, for them to add themselves.
     */
    static RuntimeException trapped(Interpreter in, TrapKind kind, TrapDetail detail, FunctionInstance fn, int pc,
                                    int fp) {
        JitUnwind u = new JitUnwind(kind, detail);
        DebugSupport debug = in.debug();
        if (debug != null) {
            if (in.bridged && debug.handler() != null) {
                // Compiled frames lie below: the event waits until they have added themselves.
                u.captured = new ArrayList<>();
                u.captured.add(CapturedFrame.interpreted(fn, pc, fp));
            } else {
                debug.onTrap(kind, detail, fn, pc, fp);
            }
        }
        u.frames.add(frame(fn, pc));
        return finish(in, u);
    }

    /** A trap that came up through compiled code called at {@code pc} of the frame at {@code fp}. */
    static RuntimeException unwound(Interpreter in, JitUnwind u, int pc, int fp) {
        FunctionInstance fn = in.fn;
        if (!u.interpreterFrameListed && !u.deopt) {
            u.frames.add(frame(fn, pc));
            if (u.captured != null) {
                u.captured.add(CapturedFrame.interpreted(fn, pc, fp));
            }
        }
        u.interpreterFrameListed = false;
        return finish(in, u);
    }

    private static RuntimeException finish(Interpreter in, JitUnwind u) {
        for (int i = in.depth - 1; i >= in.frameFloor; i--) {
            FunctionInstance f = in.frameFn[i];
            if (f != null && f.code != null) {
                int pc = Interpreter.resumePc(in.framePc[i]) - 1;
                u.frames.add(frame(f, pc));
                if (u.captured != null && !(u.deopt && i < in.entryDepth())) {
                    u.captured.add(CapturedFrame.caller(f, in.framePc[i], in.frameFp[i]));
                }
            }
        }
        return in.bridged || u.deopt ? u : complete(in, u);
    }

    /**
     * The trap leaves the outermost invocation: a debug event that waited for compiled frames to add themselves
     * fires now, with every frame, then the trap is built.
     */
    static Trap complete(Interpreter in, JitUnwind u) {
        List<CapturedFrame> captured = u.captured;
        u.captured = null;
        if (captured != null && !captured.isEmpty() && in.debug() != null) {
            in.debug().onCapturedTrap(u.kind, u.finalDetail(), captured);
        }
        return u.toTrap();
    }

    /** The interpreter's Wasm stack with {@code fn} at {@code pc} on top, innermost first, every run included. */
    static List<WasmFrame> stack(Interpreter in, FunctionInstance fn, int pc) {
        List<WasmFrame> out = new java.util.ArrayList<>();
        out.add(frame(fn, pc));
        for (int i = in.depth - 1; i >= 0; i--) {
            FunctionInstance f = in.frameFn[i];
            if (f != null && f.code != null) {
                out.add(frame(f, Interpreter.resumePc(in.framePc[i]) - 1));
            }
        }
        return List.copyOf(out);
    }

    /** The Wasm frame that made the host call now running (its call instruction), or null outside one. */
    static WasmFrame hostCaller(Interpreter in) {
        if (in.jitCaller != null) {
            return in.jitCaller;
        }
        int i = in.depth - 1;
        if (i < 0 || i >= in.frameFn.length) {
            return null;
        }
        FunctionInstance f = in.frameFn[i];
        return f != null && f.code != null ? frame(f, Interpreter.resumePc(in.framePc[i]) - 1) : null;
    }

    private static WasmFrame frame(FunctionInstance f, int pc) {
        return new WasmFrame(f.funcIndex, f.name(), f.code.moduleOffset(pc));
    }
}
