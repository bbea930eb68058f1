package dev.trapdoor.engine.compile;

/**
 * Instructions the compiled tier leaves to the interpreter: tail calls (a compiled frame cannot replace itself with
 * its callee's without growing the JVM stack) and exception handling (whose handlers resume in the middle of a
 * frame). A function using one is declined whole; the interpreter runs it, and compiled callers and callees still
 * meet it through the shared value-stack convention.
 */
final class DeclinedInstructions {
    private DeclinedInstructions() {
    }

    static void check(int op, int moduleOffset) {
        String what = switch (op) {
            case 0x12, 0x13, 0x15 -> "tail calls";
            case 0x06, 0x07, 0x08, 0x09, 0x0A, 0x18, 0x19, 0x1F -> "exception handling";
            case 0xD3 -> "GC";
            default -> op >= 0xFB00 && op < 0xFC00 ? "GC" : null;
        };
        if (what != null) {
            throw new UnsupportedByCompiler(what, moduleOffset);
        }
    }
}
