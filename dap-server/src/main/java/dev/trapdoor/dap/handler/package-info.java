/**
 * DAP request handlers, one class per request family, each written against the {@link
 * dev.trapdoor.dap.session.Session} interface so tests can isolate it with a mock. {@link
 * dev.trapdoor.dap.handler.TrapdoorDebugServer} is LSP4J's {@code IDebugProtocolServer}: it routes each request to its
 * handler through a guard that turns failures into error responses (and logs crashes) without ending the session.
 */
package dev.trapdoor.dap.handler;
