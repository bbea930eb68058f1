/**
 * The start-up scenario: how long a user waits, measured from the process start of the real {@code trapdoor} jar
 * (the {@code initialize} response, the first breakpoint of a DAP session, {@code trapdoor run} of hello-world),
 * with and without the class-data-sharing archive. Processes and a hand-written DAP client only: it depends on
 * nothing of the engine or the server, so it measures exactly what ships.
 */
package dev.trapdoor.bench.startup;
