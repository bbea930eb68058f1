package dev.trapdoor.dap.source;

import dev.trapdoor.engine.dwarf.Value;

/**
 * One row of a C variables view: the name shown, the C expression that reads it again (null when there is none, as
 * for a shadowed variable or an anonymous member), its value, and whether it is a function parameter.
 */
record CValueEntry(String name, String evaluateName, Value value, boolean parameter) {
}
