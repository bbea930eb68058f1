package dev.trapdoor.engine.compile;

/**
 * The compiled tier declines a function it does not translate yet (GC with v128 values, code past module offset
 * 2^28). Not a failure: the installer leaves the function in the interpreter, in
 * strict mode too.
 */
public final class UnsupportedByCompiler extends RuntimeException {
    public UnsupportedByCompiler(int funcIndex, String what) {
        super("function " + funcIndex + " uses " + what + ", which the compiled tier does not translate", null, false,
                false);
    }

    /** The function is named by the instruction's module offset, where the translator met it. */
    public UnsupportedByCompiler(String what, int moduleOffset) {
        super("the function at 0x" + Integer.toHexString(moduleOffset) + " uses " + what
                + ", which the compiled tier does not translate", null, false, false);
    }
}
