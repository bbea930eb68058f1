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
 *
 * <p>{@link dev.trapdoor.dap.transport.json.EventText} and {@link dev.trapdoor.dap.transport.json.ResponseText} go
 * further: the whole JSON of the output and stopped events and of the stepping requests' successful responses,
 * written into a builder with {@link dev.trapdoor.dap.transport.json.JsonText}'s escaping, the same characters LSP4J's
 * handler writes ({@code EventTextTest}, {@code ResponseTextTest}).
 */
package dev.trapdoor.dap.transport.json;
