package dev.trapdoor.engine.exec;

/** Where a debugger meets Wasm exceptions: the stop at a {@code throw}, and a step that lands in a handler. */
final class ExceptionStops {
    private ExceptionStops() {
    }

    static void onThrow(DebugSupport support, WasmThrow ex, FunctionInstance fn, int pc, int fp) {
    }

    static void onCatch(DebugSupport support, FunctionInstance fn, int pc, int fp) {
    }
}
