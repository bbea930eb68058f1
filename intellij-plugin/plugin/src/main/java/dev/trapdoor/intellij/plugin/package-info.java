/**
 * The thin IntelliJ plugin: LSP4IJ's {@code debugAdapterServer} extension and a "WebAssembly (Trapdoor)" run
 * configuration type. Everything these classes decide comes from {@code trapdoor-intellij-core}; they only adapt it to
 * LSP4IJ's and IntelliJ's types. Compiled by Gradle against the IntelliJ Platform SDK, never by Maven.
 */
package dev.trapdoor.intellij.plugin;
