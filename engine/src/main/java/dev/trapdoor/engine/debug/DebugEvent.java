package dev.trapdoor.engine.debug;

import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.trap.TrapDetail;
import dev.trapdoor.engine.trap.TrapKind;

/** Why the program stopped. */
public sealed interface DebugEvent {
    /** Before the first instruction of the function the host invoked ({@code _start} or an export). */
    record Entry(int funcIndex, String functionName) implements DebugEvent {
    }

    /**
     * A breakpoint was reached; the instruction at it has not run yet. {@code endsStep}: a step in progress ends here
     * too (the event stands for both), so a handler that does not stop for the breakpoint (a false condition, a log
     * point) still ends the step here.
     */
    record BreakpointHit(Breakpoint breakpoint, boolean endsStep) implements DebugEvent {
        public BreakpointHit(Breakpoint breakpoint) {
            this(breakpoint, false);
        }
    }

    /** A step requested by the previous {@link Resume} completed. */
    record Step() implements DebugEvent {
    }

    /** {@code Debugger.requestPause()} took effect (at a call, return or loop back-edge). */
    record Pause() implements DebugEvent {
    }

    /**
     * An instruction is about to trap. The frames still hold the operands; after the handler returns, the stack
     * unwinds with a {@code Trap} (unless the handler terminates).
     */
    record Trap(TrapKind kind, TrapDetail detail, int funcIndex, int moduleOffset) implements DebugEvent {
    }

    /**
     * A Wasm exception is about to be thrown (3.0, exception handling): stopped at the {@code throw} (or the call
     * whose host callee threw), with every frame still alive. {@code tagName} is the tag's name (name section or
     * export), or null; {@code payload} has one slot per value of {@code tagType}'s parameters. {@code caught} tells
     * whether a Wasm handler in the interpreter's frames will catch it (a host function in between might too).
     */
    record WasmException(String tagName, FuncType tagType, long[] payload, boolean caught, int funcIndex,
                         int moduleOffset) implements DebugEvent {
    }

    /** The program finished; reported by whoever ran it (WASI's exit code, or 0 when {@code _start} returned). */
    record Exit(int exitCode) implements DebugEvent {
    }

    /**
     * Function-pointer-cast emulation adapted a {@code call_indirect} to a callee of another type. Reported once per
     * call site and callee; {@code Debugger.adaptedCalls()} counts the repeats.
     */
    record FunctionPointerCast(int callerFuncIndex, int callerModuleOffset, int calleeFuncIndex, String calleeName,
                               FuncType expected, FuncType actual) implements DebugEvent {
    }
}
