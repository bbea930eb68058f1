/**
 * The LSP4IJ DAP template: a folder with {@code template.json}, {@code launch.json} and {@code attach.json} that a user
 * imports with LSP4IJ's "Import from custom template..." to debug a {@code .wasm} without any compiled plugin.
 * {@link dev.trapdoor.intellij.template.TemplateGenerator} writes it during {@code prepare-package}; the build zips it.
 */
package dev.trapdoor.intellij.template;
