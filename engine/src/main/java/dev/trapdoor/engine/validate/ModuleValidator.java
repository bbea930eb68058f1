package dev.trapdoor.engine.validate;

import dev.trapdoor.engine.model.WasmModule;

/** Placeholder until the validator lands. */
public final class ModuleValidator {
    private ModuleValidator() {
    }

    public static void validate(WasmModule module) {
    }
}
