/**
 * Hand-written Gson adapters for the DAP types a stepping editor makes the server handle most: writers for the
 * stack trace, its frames and sources, scopes, variables, and the stopped and continued events; readers for the
 * arguments of next, stackTrace, scopes and variables. Gson's reflective adapter goes through {@code Field.get}/
 * {@code set} and a runtime-type lookup per value; under 50 stepping sessions that, and C2 compiling it, was most of
 * the server's JSON work (benchmarks/RESULTS.md, sessions 13 and 14).
 *
 * <p>API boundary: the writers write exactly what LSP4J's reflective Gson writes (same members, order, omitted
 * nulls: {@code HotTypesTest}) and read through that reflective adapter; the readers read what it reads and refuse
 * what it refuses ({@code ArgumentReadersTest}) and write through it. Rare member types (enums, {@code Either},
 * {@code Object}, checksums, variable presentation hints, formats) go to Gson's own adapters.
 */
package dev.trapdoor.dap.transport.json;
