/**
 * The debug API shared by the DAP server, the CLI and embedders: {@link dev.trapdoor.engine.debug.DebugEvent}s
 * delivered to a {@link dev.trapdoor.engine.debug.DebugHandler} on the engine thread while the Wasm frames are alive,
 * {@link dev.trapdoor.engine.debug.DebugFrame} views of those frames, and the {@link dev.trapdoor.engine.debug.Resume}
 * the handler answers with. Breakpoints are set through {@code exec.Debugger}.
 *
 * <p>Only API types live here: no DAP, no JSON. Depends on {@code model}, {@code trap} and {@code error}; the
 * interpreter in {@code exec} implements it.
 */
package dev.trapdoor.engine.debug;
