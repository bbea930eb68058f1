package dev.trapdoor.engine.validate;

import dev.trapdoor.engine.error.InvalidModuleException;
import dev.trapdoor.engine.model.WasmModule;

/** Each tag's type (imported or defined) must exist and have no results: a tag describes a payload only. */
final class TagTypes {
    private TagTypes() {
    }

    static void validate(WasmModule module) {
        for (int t = 0; t < module.tagCount(); t++) {
            int typeIndex = module.tagTypeIndex(t);
            if (typeIndex < 0 || typeIndex >= module.types().size()) {
                throw new InvalidModuleException(-1, -1, "unknown type " + Integer.toUnsignedString(typeIndex));
            }
            if (module.types().get(typeIndex).resultCount() != 0) {
                throw new InvalidModuleException(-1, -1, "non-empty tag result type");
            }
        }
    }
}
