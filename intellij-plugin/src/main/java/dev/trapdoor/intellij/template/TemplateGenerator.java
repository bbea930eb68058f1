package dev.trapdoor.intellij.template;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes the LSP4IJ template folder. Run by the build ({@code exec-maven-plugin}, {@code prepare-package}) as
 * {@code TemplateGenerator OUTPUT_DIR CHECKOUT_ROOT}; the commands in it point at that checkout's server, so the
 * template is meant for the machine that built it (a user elsewhere edits the command in LSP4IJ's Server tab).
 */
public final class TemplateGenerator {
    private TemplateGenerator() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: TemplateGenerator OUTPUT_DIR CHECKOUT_ROOT");
        }
        write(Path.of(args[0]), Lsp4ijTemplate.forCheckout(Path.of(args[1])));
    }

    /** Replaces the folder's template files with {@code template}'s. */
    public static void write(Path dir, Lsp4ijTemplate template) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, String> f : template.files().entrySet()) {
            Files.writeString(dir.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
        }
    }
}
