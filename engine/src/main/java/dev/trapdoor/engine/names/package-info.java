/**
 * Symbol names as a programmer reads them: {@link dev.trapdoor.engine.names.Demangle} turns Itanium C++, Rust legacy
 * and Rust v0 mangled names (what a name section or a linker holds) into source-level names. Pure string work:
 * depends on the JDK only, nothing else in the engine depends on its internals.
 */
package dev.trapdoor.engine.names;
