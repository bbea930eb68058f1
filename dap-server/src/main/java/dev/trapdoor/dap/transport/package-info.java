/**
 * How DAP messages get in and out. {@link dev.trapdoor.dap.transport.DapConnection} wires LSP4J's DAP JSON handling
 * to a {@link dev.trapdoor.dap.session.DebugSession}: incoming JSON is parsed and handed to LSP4J's
 * {@code DebugRemoteEndpoint} one at a time and in order by the connection's {@link
 * dev.trapdoor.dap.transport.SerialExecutor}: on its session thread, or, when the TCP server is told to
 * ({@code -Dtrapdoor.dap.quickOnEventLoop=true}), for a quick request (stack, scopes, variables, steps) read by a Netty
 * event loop while the connection is idle, on that event loop, which then writes the response itself; a request that
 * may block never runs on an event loop. The requests every step sends (next, stepIn, stepOut, continue, stackTrace,
 * scopes, variables) skip LSP4J's message adapter and reflective dispatch ({@link
 * dev.trapdoor.dap.transport.DirectRequests}); anything odd about them goes to LSP4J. Outgoing messages are serialized
 * (the responses to those requests, and the output and stopped events, by the connection's own writers in {@code
 * transport.json}) and framed with {@code Content-Length} headers (over TCP by the writing thread into a pooled
 * buffer, {@link dev.trapdoor.dap.transport.FrameBytes}). Two transports feed it: stdio ({@link
 * dev.trapdoor.dap.transport.StdioTransport}, every request on the session thread) and a Netty TCP server ({@link
 * dev.trapdoor.dap.transport.TcpServer}, one connection = one session = one engine). {@link
 * dev.trapdoor.dap.transport.DebugListener} is the embedding API behind {@code trapdoor run --listen}.
 */
package dev.trapdoor.dap.transport;
