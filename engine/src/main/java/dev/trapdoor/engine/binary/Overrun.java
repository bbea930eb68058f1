package dev.trapdoor.engine.binary;

import dev.trapdoor.engine.error.MalformedModuleException;

/**
 * Names a read that ran past the end of a section or code entry. {@link ByteReader} only knows it hit its limit
 * ("unexpected end"); whoever set the limit knows which. The phrases are the spec interpreter's, which reads on past a
 * declared size into whatever follows: with bytes still following in the module it ends up at "section size
 * mismatch", at the end of the module at "unexpected end of section or function".
 */
final class Overrun {
    static final String UNEXPECTED_END = "unexpected end";
    static final String SIZE_MISMATCH = "section size mismatch";
    static final String END_OF_SECTION = "unexpected end of section or function";

    private Overrun() {
    }

    /** The phrase for running past {@code limit} in a module of {@code moduleLength} bytes. */
    static String phrase(int limit, int moduleLength) {
        return limit < moduleLength ? SIZE_MISMATCH : END_OF_SECTION;
    }

    /** Renames an "unexpected end" raised by a reader limited to {@code limit}; other errors pass unchanged. */
    static MalformedModuleException explain(MalformedModuleException e, int limit, int moduleLength) {
        if (!UNEXPECTED_END.equals(e.reason())) {
            return e;
        }
        return new MalformedModuleException(e.moduleOffset(), phrase(limit, moduleLength));
    }
}
