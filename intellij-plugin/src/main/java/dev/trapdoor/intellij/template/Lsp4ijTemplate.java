package dev.trapdoor.intellij.template;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.trapdoor.intellij.AdapterIds;
import dev.trapdoor.intellij.AttachRequest;
import dev.trapdoor.intellij.FileTypeMapping;
import dev.trapdoor.intellij.FileTypeMappings;
import dev.trapdoor.intellij.LaunchRequest;
import dev.trapdoor.intellij.ReadyPattern;
import dev.trapdoor.intellij.ServerCommand;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The three files of the LSP4IJ template for a checkout, as text. Everything in them comes from the core model
 * ({@link ServerCommand}, {@link ReadyPattern}, {@link FileTypeMappings}, {@link LaunchRequest}, {@link AttachRequest}).
 *
 * @param unixCommand    the server command on Linux and macOS (LSP4IJ's {@code default})
 * @param windowsCommand the server command on Windows
 * @param launch         the launch configuration offered first
 * @param attach         the attach configuration
 */
public record Lsp4ijTemplate(ServerCommand unixCommand, ServerCommand windowsCommand, LaunchRequest launch,
                             AttachRequest attach) {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    /** The template whose commands run the server of the checkout at {@code root}. */
    public static Lsp4ijTemplate forCheckout(Path root) {
        return new Lsp4ijTemplate(ServerCommand.forCheckout(root, ServerCommand.Platform.UNIX),
                ServerCommand.forCheckout(root, ServerCommand.Platform.WINDOWS), LaunchRequest.currentFile(),
                AttachRequest.runListen());
    }

    /** The command LSP4IJ will run on {@code platform}. */
    public ServerCommand command(ServerCommand.Platform platform) {
        return platform == ServerCommand.Platform.WINDOWS ? windowsCommand : unixCommand;
    }

    /** File name → content, in the order written. */
    public Map<String, String> files() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(TemplateKeys.TEMPLATE_FILE, templateJson());
        files.put(TemplateKeys.LAUNCH_FILE, GSON.toJson(launch.toJson()) + "\n");
        files.put(TemplateKeys.ATTACH_FILE, GSON.toJson(attach.toJson()) + "\n");
        return files;
    }

    public String templateJson() {
        JsonObject t = new JsonObject();
        t.addProperty(TemplateKeys.ID, AdapterIds.SERVER_ID);
        t.addProperty(TemplateKeys.NAME, AdapterIds.SERVER_NAME);
        t.add(TemplateKeys.PROGRAM_ARGS, commands());
        t.add(TemplateKeys.LAUNCH, commands());
        t.addProperty(TemplateKeys.WAIT_FOR_TRACE, ReadyPattern.TRAPDOOR.text());
        t.addProperty(TemplateKeys.DEBUG_SERVER_READY_PATTERN, ReadyPattern.TRAPDOOR.text());
        JsonObject a = new JsonObject();
        // "$key": LSP4IJ reads the value of that key from the attach configuration the user edits.
        a.addProperty(TemplateKeys.ATTACH_ADDRESS, "$" + AttachRequest.ADDRESS_KEY);
        a.addProperty(TemplateKeys.ATTACH_PORT, "$" + AttachRequest.PORT_KEY);
        t.add(TemplateKeys.ATTACH, a);
        JsonArray mappings = new JsonArray();
        for (FileTypeMapping m : FileTypeMappings.ALL) {
            JsonObject fileType = new JsonObject();
            JsonArray patterns = new JsonArray();
            m.patterns().forEach(patterns::add);
            fileType.add(TemplateKeys.PATTERNS, patterns);
            JsonObject mapping = new JsonObject();
            mapping.add(TemplateKeys.FILE_TYPE, fileType);
            mapping.addProperty(TemplateKeys.LANGUAGE_ID, m.languageId());
            mappings.add(mapping);
        }
        t.add(TemplateKeys.FILE_TYPE_MAPPINGS, mappings);
        return GSON.toJson(t) + "\n";
    }

    private JsonObject commands() {
        JsonObject o = new JsonObject();
        o.addProperty(TemplateKeys.DEFAULT_OS, unixCommand.commandLine());
        o.addProperty(TemplateKeys.WINDOWS_OS, windowsCommand.commandLine());
        return o;
    }
}
