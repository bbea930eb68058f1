/**
 * How DAP messages get in and out. {@link dev.trapdoor.dap.transport.DapConnection} wires LSP4J's DAP JSON handling
 * to a {@link dev.trapdoor.dap.session.DebugSession}: incoming JSON is parsed and handed to LSP4J's
 * {@code DebugRemoteEndpoint} on the connection's own serial thread (never the reader: the reader only frames bytes),
 * outgoing messages are serialized and framed with {@code Content-Length} headers. Two transports feed it: stdio
 * ({@link dev.trapdoor.dap.transport.StdioTransport}) and a Netty TCP server ({@link
 * dev.trapdoor.dap.transport.TcpServer}, one connection = one session = one engine). {@link
 * dev.trapdoor.dap.transport.DebugListener} is the embedding API behind {@code trapdoor run --listen}.
 */
package dev.trapdoor.dap.transport;
