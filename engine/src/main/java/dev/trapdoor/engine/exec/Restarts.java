package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.binary.ByteReader;
import dev.trapdoor.engine.instr.Instruction;
import dev.trapdoor.engine.instr.InstructionReader;
import dev.trapdoor.engine.instr.Opcode;
import dev.trapdoor.engine.model.FunctionBody;
import dev.trapdoor.engine.model.WasmModule;

import java.util.Map;
import java.util.WeakHashMap;

/**
 * Which frames of a stop can be re-entered, and the {@link FrameRestart} that does it.
 *
 * <p>Entry arguments: a function that never assigns a parameter ({@code local.set}/{@code local.tee} on an index
 * below its parameter count, found by one scan of its body, kept per function) still holds the values it was called
 * with in its parameter slots, so nothing is saved at calls and nothing costs anything while no restart is asked
 * for. That is every function clang emits at {@code -O0}, which copies parameters to the shadow stack and never
 * writes the locals. A function that reuses its parameters as variables (optimized code) cannot restart: its entry
 * values are gone. The debugger may have set a parameter while stopped; the restart then uses that value, as it
 * would had the caller passed it.
 *
 * <p>Only frames of the innermost interpreter run restart (a host function below them, such as a callback from
 * WASI, cannot be re-entered), and only from a stop where the running frame may move (a breakpoint, a step or a
 * pause; not a trap, a Wasm exception or a cast report, where the interpreter goes on with the instruction it holds).
 */
final class Restarts {
    private final Interpreter interp;
    private final Map<FunctionInstance, Boolean> assignsParams = new WeakHashMap<>();

    Restarts(Interpreter interp) {
        this.interp = interp;
    }

    /** {@code null} when frame {@code frameIndex} (0 = innermost) of the current stop can restart, else why not. */
    String whyNot(int frameIndex, boolean movable, FunctionInstance top) {
        if (!movable || top == null) {
            return "a frame can restart only at a breakpoint, a step or a pause (not at a trap or an exception)";
        }
        int depth = interp.depth;
        if (frameIndex < 0 || frameIndex > depth) {
            return "there is no frame " + frameIndex;
        }
        int saved = depth - frameIndex;
        if (frameIndex > 0 && saved < interp.entryDepth()) {
            return "frame " + frameIndex + " (" + interp.frameFn[saved].name()
                    + ") is below a call from the host: only frames above the innermost host call can restart";
        }
        FunctionInstance fn = frameIndex == 0 ? top : interp.frameFn[saved];
        if (assignsParams(fn)) {
            return "'" + fn.name() + "' assigns its parameters, so the values it was called with are gone";
        }
        return null;
    }

    /** The restart of frame {@code frameIndex}, which {@link #whyNot} accepted, from the innermost frame at topFp. */
    FrameRestart prepare(int frameIndex, FunctionInstance top, int topFp) {
        int depth = interp.depth;
        if (frameIndex == 0) {
            return new FrameRestart(depth, top, topFp);
        }
        int saved = depth - frameIndex;
        return new FrameRestart(saved, interp.frameFn[saved], interp.frameFp[saved]);
    }

    private boolean assignsParams(FunctionInstance fn) {
        synchronized (assignsParams) {
            return assignsParams.computeIfAbsent(fn, Restarts::scan);
        }
    }

    private static boolean scan(FunctionInstance fn) {
        int params = fn.type.paramCount();
        if (params == 0) {
            return false;
        }
        WasmModule module = fn.instance.module;
        FunctionBody body = module.bodies().get(fn.funcIndex - module.importedFunctionCount());
        ByteReader r = new ByteReader(module.bytes(), body.bodyOffset(), body.endOffset());
        while (r.pos() < body.endOffset()) {
            Instruction ins = InstructionReader.read(r);
            Opcode op = ins.opcode();
            if ((op == Opcode.LOCAL_SET || op == Opcode.LOCAL_TEE) && ins.immediate(0) < params) {
                return true;
            }
        }
        return false;
    }
}
