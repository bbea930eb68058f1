package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.trap.Trap;
import dev.trapdoor.engine.trap.TrapDetail;
import dev.trapdoor.engine.trap.TrapKind;
import dev.trapdoor.engine.trap.WasmFrame;

import java.util.ArrayList;
import java.util.List;

/**
 * A trap on its way out through compiled frames, which live on the JVM stack: each compiled frame's call-site
 * handler adds itself (function and the module offset of the call) as the exception passes, and the interpreter or
 * the outermost invoke turns it into the {@link Trap}, with the same frames the interpreter would have listed. No
 * stack trace.
 */
final class JitUnwind extends RuntimeException {
    final TrapKind kind;
    final TrapDetail detail;
    /** Innermost first. */
    final List<WasmFrame> frames = new ArrayList<>();
    /**
     * The innermost interpreter frame it reaches is already listed: its activation had moved into compiled code
     * (on-stack replacement), which added it.
     */
    boolean interpreterFrameListed;

    JitUnwind(TrapKind kind, TrapDetail detail) {
        super(kind.message(), null, false, false);
        this.kind = kind;
        this.detail = detail;
    }

    void add(FunctionInstance f, int moduleOffset) {
        frames.add(new WasmFrame(f.funcIndex, f.name(), moduleOffset));
    }

    Trap toTrap() {
        WasmFrame top = frames.isEmpty() ? null : frames.get(0);
        return new Trap(kind, detail, top == null ? -1 : top.funcIndex(), top == null ? -1 : top.moduleOffset(),
                frames);
    }
}
