/**
 * IntelliJ support that needs no IntelliJ: the launch/attach configuration model and its JSON, the command line
 * that starts the server, the ready line it prints on TCP, and the files a Trapdoor session can set breakpoints in.
 * The thin plugin ({@code intellij-plugin/plugin/}) and the LSP4IJ template ({@link dev.trapdoor.intellij.template})
 * are both built from these, so what the tests prove here is what the IDE gets. JDK and Gson only: no
 * {@code com.intellij} class may appear in this module.
 */
package dev.trapdoor.intellij;
