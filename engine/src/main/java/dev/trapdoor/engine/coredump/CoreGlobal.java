package dev.trapdoor.engine.coredump;

import dev.trapdoor.engine.model.ValType;

/**
 * A global in a coredump, in the slot representation; {@code high} is a v128's upper 8 bytes. A reference global
 * is written as null: the format has no way to name a function of the program from the coredump module.
 */
public record CoreGlobal(ValType type, boolean mutable, long value, long high) {
}
