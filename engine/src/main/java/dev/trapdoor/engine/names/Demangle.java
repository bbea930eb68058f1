package dev.trapdoor.engine.names;

/**
 * Turns linker symbols into the names a programmer wrote: Itanium C++ ({@code _Z…}, printed as
 * {@code llvm-cxxfilt} does), Rust's legacy mangling ({@code _ZN…17h<hash>E}, hash dropped, {@code $LT$}-style
 * escapes decoded) and Rust v0 ({@code _R…}, crate disambiguators dropped, as {@code rustfilt} does). Anything else,
 * or a symbol this cannot parse, comes back unchanged, so it is safe on every name a name section holds.
 */
public final class Demangle {
    /** Thrown inside the parsers for input they do not cover; never leaves this package. */
    static final class Failed extends RuntimeException {
        Failed() {
            super(null, null, false, false);
        }
    }

    private Demangle() {
    }

    /** The demangled form of {@code symbol}, or {@code symbol} itself. Never throws. */
    public static String demangle(String symbol) {
        if (symbol == null || symbol.length() < 3) {
            return symbol;
        }
        try {
            if (symbol.startsWith("_R")) {
                return RustV0Demangler.demangle(symbol);
            }
            if (symbol.startsWith("_ZN") && RustLegacy.looksLike(symbol)) {
                return RustLegacy.demangle(symbol);
            }
            if (symbol.startsWith("_Z")) {
                return ItaniumDemangler.demangle(symbol);
            }
        } catch (RuntimeException | StackOverflowError e) {
            return symbol;
        }
        return symbol;
    }

    /** Whether {@code symbol} is mangled in a scheme this demangles (whether or not this parse succeeds). */
    public static boolean isMangled(String symbol) {
        return symbol != null && (symbol.startsWith("_Z") || symbol.startsWith("_R"));
    }
}
