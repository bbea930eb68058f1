/**
 * A TCP server's warm-up: before {@code trapdoor dap --port} listens, it debugs a small C program of its own (built
 * from {@code dap-server/src/warm-up/warmup.c}, shipped in the jar) through the same Netty pipeline, {@link
 * dev.trapdoor.dap.transport.DapConnection}, LSP4J endpoint, handlers and engine a client reaches (half of its
 * sessions over loopback TCP to a private {@link dev.trapdoor.dap.transport.TcpServer}, the others in memory, which
 * costs less): launch, a breakpoint, about a thousand line steps with the stack trace, scopes and variables an editor
 * asks for at each stop, then a run to the end. Why: a fresh JVM runs that request path in its bytecode interpreter
 * until C1 has compiled it, LSP4J's reflective dispatch inflates its accessors after 15 calls, call sites link their
 * lambdas on first use, and Netty's event loop, buffer pool and decoder are as cold; without a warm-up a server's
 * first clients pay all of it in their latency (about half a fresh server's CPU in the first steps of 50 sessions;
 * benchmarks/RESULTS.md, sessions 16 to 18).
 *
 * <p>Architecture invariant: the warm-up leaves nothing a client can see. Its sessions are not the TCP server's:
 * they connect to a private server on a loopback port of its own, closed before the announced port opens, or to no
 * server at all, so they count toward no session limit and no server memory budget and log no connection; their
 * events and output go only to the warm-up's client; the program's copy is deleted before the port opens; and the
 * warm-up logs one line at {@code FINE}. A warm-up that fails or times out only costs speed: the server listens
 * anyway.
 */
package dev.trapdoor.dap.warm;
