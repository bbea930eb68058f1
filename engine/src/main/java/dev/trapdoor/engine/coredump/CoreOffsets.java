package dev.trapdoor.engine.coredump;

import dev.trapdoor.engine.binary.ByteReader;
import dev.trapdoor.engine.model.FunctionBody;
import dev.trapdoor.engine.model.WasmModule;

/** Converts between module offsets and a coredump frame's {@code codeOffset} (from the start of the function's body). */
public final class CoreOffsets {
    private CoreOffsets() {
    }

    /** Module offset of the byte after the size field of defined function {@code funcIndex}'s body. */
    public static int bodyStart(WasmModule module, int funcIndex) {
        FunctionBody body = module.body(funcIndex);
        ByteReader r = new ByteReader(module.bytes(), body.entryOffset(), module.bytes().length);
        r.u32();
        return r.pos();
    }

    public static int codeOffset(WasmModule module, int funcIndex, int moduleOffset) {
        return moduleOffset - bodyStart(module, funcIndex);
    }

    public static int moduleOffset(WasmModule module, int funcIndex, int codeOffset) {
        return bodyStart(module, funcIndex) + codeOffset;
    }
}
