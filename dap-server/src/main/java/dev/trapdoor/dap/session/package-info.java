/**
 * A debug session: the run-state machine ({@link dev.trapdoor.dap.session.DebugSession}, whose Javadoc has the
 * diagram and the threading rules), the engine thread and the command queue its debug handler parks on, launch
 * configuration ({@link dev.trapdoor.dap.session.LaunchArguments}), program loading with WASI output as events
 * ({@link dev.trapdoor.dap.session.ProgramLoader}), exception filters, and the {@link
 * dev.trapdoor.dap.session.Session} interface that request handlers use.
 *
 * <p>Depends on the engine, {@code adapt}, {@code source} and LSP4J's DAP types; knows nothing of transports.
 */
package dev.trapdoor.dap.session;
