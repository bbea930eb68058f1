package dev.trapdoor.engine.compile;

/**
 * Instructions the compiled tier leaves to the interpreter: GC's. A function using one is declined whole; the
 * interpreter runs it, and compiled callers and callees still meet it through the shared value-stack convention.
 * (Tail calls and exception handling compile: {@link TailCallEmitter}, {@link ThrowEmitter}.)
 */
final class DeclinedInstructions {
    private DeclinedInstructions() {
    }

    static void check(int op, int moduleOffset) {
        String what = switch (op) {
            case 0xD3 -> "GC";
            default -> op >= 0xFB00 && op < 0xFC00 ? "GC" : null;
        };
        if (what != null) {
            throw new UnsupportedByCompiler(what, moduleOffset);
        }
    }
}
