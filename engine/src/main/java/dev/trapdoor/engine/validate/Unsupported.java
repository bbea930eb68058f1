package dev.trapdoor.engine.validate;

import dev.trapdoor.engine.binary.ByteReader;
import dev.trapdoor.engine.binary.ProposalTypes;
import dev.trapdoor.engine.error.MalformedModuleException;
import dev.trapdoor.engine.error.UnsupportedFeatureException;
import dev.trapdoor.engine.error.WasmException;

/**
 * Where the function validator meets an encoding that Wasm 2.0 lacks: a feature Trapdoor does not support when a
 * later spec defines it, malformed otherwise.
 */
final class Unsupported {
    /** The memarg flag bit that announces an explicit memory index (3.0, multi-memory). */
    static final int MEMARG_MEMORY_INDEX = 0x40;

    private Unsupported() {
    }

    static WasmException orMalformed(UnsupportedFeatureException unsupported, int moduleOffset, String reason) {
        return unsupported != null ? unsupported : new MalformedModuleException(moduleOffset, reason);
    }

    /** A negative block type {@code bt}, read from {@code at} to {@code r.pos()}, that is no 2.0 value type. */
    static WasmException blockType(long bt, ByteReader r, int at) {
        UnsupportedFeatureException unsupported = r.pos() - at == 1
                ? ProposalTypes.valType((int) (bt & 0x7F), r, at) : null;
        return orMalformed(unsupported, at, "malformed value type");
    }
}
