/**
 * The DAP load test: many concurrent TCP sessions against one {@code trapdoor dap --port} process, each launching,
 * stopping at a breakpoint, stepping, reading variables and running to exit. It counts lost responses and events,
 * measures the step round trip ({@code next} to its {@code stopped} event) and samples the server's heap, RSS and
 * threads. Speaks DAP with its own minimal client (Gson); depends on no Trapdoor code, since it drives the jar.
 */
package dev.trapdoor.bench.load;
