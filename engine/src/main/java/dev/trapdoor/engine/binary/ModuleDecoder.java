package dev.trapdoor.engine.binary;

import dev.trapdoor.engine.model.WasmModule;

/** Placeholder until the decoder lands. */
public final class ModuleDecoder {
    private ModuleDecoder() {
    }

    /** Decodes a binary module. @throws dev.trapdoor.engine.error.MalformedModuleException */
    public static WasmModule decode(byte[] bytes) {
        throw new UnsupportedOperationException("decoder not yet written");
    }
}
