/**
 * The engine's error types, one per stage: malformed (decoding), invalid (validation), unlinkable (imports),
 * uninstantiable (instantiation). Traps live in {@code trap}. Every error names where it happened.
 *
 * <p>Depends on nothing else in the engine.
 */
package dev.trapdoor.engine.error;
