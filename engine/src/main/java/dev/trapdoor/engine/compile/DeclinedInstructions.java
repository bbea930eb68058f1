package dev.trapdoor.engine.compile;

/**
 * Instructions the compiled tier leaves to the interpreter: exception handling's and GC's. A function using one is
 * declined whole; the interpreter runs it, and compiled callers and callees still meet it through the shared
 * value-stack convention; a Wasm exception passes through compiled frames to the interpreter frame that catches it.
 * (Tail calls compile: {@link TailCallEmitter}. Compiled throws ({@link ThrowEmitter}, deoptimizing every frame of
 * the invocation) are switched off: with them a Lua interpreter's pcall/error loop returned from its throw in the
 * tiered mode, a bug not found yet.)
 */
final class DeclinedInstructions {
    private DeclinedInstructions() {
    }

    static void check(int op, int moduleOffset) {
        String what = switch (op) {
            case 0x06, 0x07, 0x08, 0x09, 0x0A, 0x18, 0x19, 0x1F -> "exception handling";
            case 0xD3 -> "GC";
            default -> op >= 0xFB00 && op < 0xFC00 ? "GC" : null;
        };
        if (what != null) {
            throw new UnsupportedByCompiler(what, moduleOffset);
        }
    }
}
