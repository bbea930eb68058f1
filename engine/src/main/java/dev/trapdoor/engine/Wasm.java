package dev.trapdoor.engine;

import dev.trapdoor.engine.binary.ModuleDecoder;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.validate.ModuleValidator;

/**
 * Entry point for loading modules: {@code Wasm.load(bytes)} decodes and validates; then
 * {@code new Store().instantiate(module, imports)} links and runs it.
 */
public final class Wasm {
    private Wasm() {
    }

    /**
     * Decodes and validates a binary module.
     *
     * @throws dev.trapdoor.engine.error.MalformedModuleException if the bytes are not a well-formed module
     * @throws dev.trapdoor.engine.error.InvalidModuleException   if the module does not validate
     */
    public static WasmModule load(byte[] bytes) {
        WasmModule module = ModuleDecoder.decode(bytes);
        ModuleValidator.validate(module);
        return module;
    }
}
