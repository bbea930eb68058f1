/**
 * Hand-written Gson writers for the DAP types a stepping editor makes the server write most: the stack trace, its
 * frames and sources, scopes, variables, and the stopped and continued events. Gson's reflective adapter reads
 * each field through {@code Field.get} and looks up a runtime-type adapter per value; under 50 stepping sessions
 * that, and C2 compiling it, was most of the server's JSON work (benchmarks/RESULTS.md, sessions 13 and 14).
 *
 * <p>API boundary: they write exactly what LSP4J's reflective Gson writes (same fields, order and omission of
 * nulls; {@code HotTypesTest} compares the two), and read by delegating to that reflective adapter. Rare field
 * types (enums, {@code Either}, {@code Object}, checksums, variable presentation hints) go to Gson's adapters.
 */
package dev.trapdoor.dap.transport.json;
