package dev.trapdoor.dap.session;

import dev.trapdoor.engine.names.Demangle;
import dev.trapdoor.engine.trap.WasmFrame;
import dev.trapdoor.engine.wasi.WasiCall;

/**
 * One line of a WASI system-call trace, as {@code trapdoor run --trace-wasi} prints it and the DAP launch option
 * {@code traceWasi} sends it: the decoded call, its result and errno name, then the Wasm function that made it and
 * the module offset of its call instruction.
 */
public final class WasiTraceLine {
    private WasiTraceLine() {
    }

    public static String format(WasiCall call) {
        WasmFrame f = call.caller();
        String where = f == null ? "" : "  <- " + (f.funcName() == null || f.funcName().isEmpty()
                ? "$" + f.funcIndex() : Demangle.demangle(f.funcName())) + String.format(" @0x%x", f.moduleOffset());
        return "[wasi] " + call.text() + where;
    }
}
