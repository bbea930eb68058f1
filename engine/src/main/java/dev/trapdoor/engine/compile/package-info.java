/**
 * The compiled tier's translator: one function's Wasm code to JVM bytecode (ASM), in bounded chunks.
 *
 * <p>It is a pure function of the module: {@link dev.trapdoor.engine.compile.JvmCompiler} takes a validated
 * module and a function index and returns class bytes plus the tables the runtime needs (chunk entry points, trap
 * sites with their module offsets). It never loads or runs what it emits; {@code exec} defines the class as a hidden
 * class next to the runtime helpers the bytecode calls, which is why the generated code names {@code exec} classes
 * by their internal names ({@link dev.trapdoor.engine.compile.RuntimeNames}) and this package does not depend on
 * {@code exec} at all.
 *
 * <p>Depends on {@code model}, {@code validate} and ASM; must not depend on {@code exec}, {@code debug} or
 * {@code wasi}.
 */
package dev.trapdoor.engine.compile;
