/**
 * Differential fuzzing against V8: binaryen's {@code wasm-opt -ttf} turns random bytes into a random valid module,
 * node (V8) and Trapdoor both run every export with the same fixed arguments, and the two event transcripts (host
 * log calls, results, traps) must be equal. Owns the transcript format shared with {@code fuzz/v8-runner.js}; depends
 * on the engine's public API only (never on its internals), so what it compares is what an embedder sees.
 */
package dev.trapdoor.engine.fuzz;
