/**
 * Engine values as DAP sees them: Wasm values formatted and parsed by type ({@link dev.trapdoor.dap.adapt.WasmValues}),
 * variable references valid for one stop ({@link dev.trapdoor.dap.adapt.VariableRefs}), the variable containers of
 * a stopped frame ({@link dev.trapdoor.dap.adapt.WasmScopes}), memory references ({@code mem:0@0x1234}) and
 * instruction pointer references ({@code 0x<moduleTag><moduleOffset>}: a reference from another module is refused), and the small Wasm-level expression language used by
 * {@code evaluate}, breakpoint conditions and logpoints ({@link dev.trapdoor.dap.adapt.WasmExpression}).
 *
 * <p>Depends on the engine's debug API and on LSP4J's DAP types; knows nothing of sessions or transports.
 */
package dev.trapdoor.dap.adapt;
