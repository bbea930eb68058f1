package dev.trapdoor.engine.binary;

import dev.trapdoor.engine.error.MalformedModuleException;

/** Vector lengths and indices, bounded so a hostile length cannot make the decoder allocate. */
final class Vectors {
    private Vectors() {
    }

    /**
     * A vector's length. Every element of every Wasm vector takes at least one byte, so a length above what remains
     * is an overrun found before anything is allocated.
     */
    static int count(ByteReader r) {
        long count = r.u32Long();
        if (count > r.remaining()) {
            throw new MalformedModuleException(r.limit(), Overrun.UNEXPECTED_END);
        }
        return (int) count;
    }

    /**
     * An index (u32). Indices of 2^31 and above saturate to {@link Integer#MAX_VALUE}: no index space of a module
     * held in a Java array can be that large, so the validator still rejects them, and none turns into -1, which the
     * model uses for "absent".
     */
    static int index(ByteReader r) {
        return (int) Math.min(r.u32Long(), Integer.MAX_VALUE);
    }
}
