/**
 * The engine's error types, one per stage: malformed (decoding), invalid (validation), unlinkable (imports),
 * uninstantiable (instantiation), plus unsupported: a well-formed module using a {@link
 * dev.trapdoor.engine.error.Feature} Trapdoor lacks. Traps live in {@code trap}. Every error names where it happened.
 *
 * <p>Depends on nothing else in the engine.
 */
package dev.trapdoor.engine.error;
