package dev.trapdoor.dap.session;

import dev.trapdoor.engine.debug.DebugEvent;
import dev.trapdoor.engine.dwarf.SourceLocation;
import dev.trapdoor.engine.dwarf.SourceMap;
import dev.trapdoor.engine.names.Demangle;
import dev.trapdoor.engine.trap.Trap;
import dev.trapdoor.engine.trap.WasmFrame;

import java.util.Optional;

/** Text for the debug console: the report of a trap that ended the program, and a function-pointer-cast notice. */
public final class TrapText {
    private TrapText() {
    }

    /** Like {@code trapdoor run}'s report: the trap, then one line per Wasm frame with its source position. */
    public static String report(Trap trap, Program program) {
        StringBuilder sb = new StringBuilder("wasm trap: ").append(trap.getMessage()).append('\n');
        int i = 0;
        for (WasmFrame f : trap.stack()) {
            sb.append('#').append(i++).append(' ').append(frame(f.moduleOffset(), f.funcName(), program.sourceMap()))
                    .append('\n');
        }
        return sb.toString();
    }

    /** The summary at exit: how many calls each adapted site and callee had; empty when there were none. */
    public static String adaptedCalls(java.util.List<dev.trapdoor.engine.debug.AdaptedCalls> calls, Program program) {
        StringBuilder sb = new StringBuilder();
        for (var c : calls) {
            if (sb.isEmpty()) {
                sb.append("function pointer casts emulated:\n");
            }
            sb.append(String.format("  call_indirect at 0x%x in %s -> %s %s as %s: %d call%s\n", c.callerModuleOffset(),
                    Demangle.demangle(program.instance().functionName(c.callerFuncIndex())),
                    Demangle.demangle(c.calleeName()), c.actual(), c.expected(), c.count(), c.count() == 1 ? "" : "s"));
        }
        return sb.toString();
    }

    /**
     * One frame as trap reports show it: {@code 0x17f in store_far_away at trap.c:8:18} (no "at" without DWARF). The
     * function is the source's where DWARF names it, as in the Call Stack and {@code trapdoor run}'s report (C's
     * {@code main} is the Wasm function {@code __original_main}).
     */
    public static String frame(int moduleOffset, String functionName, SourceMap sourceMap) {
        String name = Demangle.demangle(functionName);
        var chain = sourceMap.inlinedChain(moduleOffset);
        if (!chain.isEmpty() && chain.get(0).function() != null && !"??".equals(chain.get(0).function())) {
            name = chain.get(0).function();
        }
        StringBuilder sb = new StringBuilder(String.format("0x%x in %s", moduleOffset, name));
        Optional<SourceLocation> loc = sourceMap.locate(moduleOffset);
        loc.filter(l -> l.line() > 0).ifPresent(l -> sb.append(" at ").append(l));
        return sb.toString();
    }

    public static String functionPointerCast(DebugEvent.FunctionPointerCast cast, Program program) {
        String caller = Demangle.demangle(program.instance().functionName(cast.callerFuncIndex()));
        String where = program.sourceMap().locate(cast.callerModuleOffset()).filter(l -> l.line() > 0)
                .map(l -> " (" + l + ")").orElse("");
        return String.format("function pointer cast: call_indirect at 0x%x in %s%s expected %s but called %s of"
                        + " type %s; emulated (extra arguments dropped, missing ones and results zero-filled)",
                cast.callerModuleOffset(), caller, where, cast.expected(), cast.calleeName(), cast.actual());
    }
}
