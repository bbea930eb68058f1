/**
 * Trapdoor's WebAssembly engine. {@link dev.trapdoor.engine.Wasm} loads modules; {@code exec} runs them; {@code debug}
 * (coming) observes them. The engine depends on the JDK only and knows nothing of DAP or JSON.
 */
package dev.trapdoor.engine;
