package dev.trapdoor.intellij.template;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;
import dev.trapdoor.dap.session.LaunchArguments;
import dev.trapdoor.dap.session.LaunchConfig;
import dev.trapdoor.intellij.AdapterIds;
import dev.trapdoor.intellij.CommandLines;
import dev.trapdoor.intellij.LaunchVariables;
import dev.trapdoor.intellij.ReadyPattern;
import dev.trapdoor.intellij.ServerCommand;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the generator as the build does, then reads its folder the way LSP4IJ's template import does: the files it
 * looks for, the keys it reads with the types it expects (a missing {@code id}, {@code name} or {@code programArgs},
 * or a mapping without a {@code fileType} object, makes LSP4IJ's reader fail).
 */
class TemplateGeneratorTest {
    private static final Path ROOT = Path.of("/home/me/My Projects/trapdoor");
    @TempDir
    static Path out;
    private static JsonObject template;
    private static JsonObject launch;
    private static JsonObject attach;

    @BeforeAll
    static void generate() throws Exception {
        TemplateGenerator.main(new String[] {out.toString(), ROOT.toString()});
        template = read(TemplateKeys.TEMPLATE_FILE);
        launch = read(TemplateKeys.LAUNCH_FILE);
        attach = read(TemplateKeys.ATTACH_FILE);
    }

    private static JsonObject read(String name) throws Exception {
        return JsonParser.parseString(Files.readString(out.resolve(name))).getAsJsonObject();
    }

    @Test
    void theFolderHoldsExactlyWhatLsp4ijImports() throws Exception {
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(Set.of("template.json", "launch.json", "attach.json"),
                    Set.copyOf(files.map(p -> p.getFileName().toString()).toList()));
        }
        // LSP4IJ lists each launch.* / attach.* file under its "name".
        assertTrue(launch.get("name").getAsJsonPrimitive().isString());
        assertTrue(attach.get("name").getAsJsonPrimitive().isString());
        assertEquals("launch", launch.get("request").getAsString());
        assertEquals("attach", attach.get("request").getAsString());
    }

    @Test
    void idNameAndBothSpellingsOfTheCommandAndReadyPattern() {
        assertEquals(AdapterIds.SERVER_ID, string(template, TemplateKeys.ID));
        assertEquals(AdapterIds.SERVER_NAME, string(template, TemplateKeys.NAME));
        assertEquals(template.get(TemplateKeys.PROGRAM_ARGS), template.get(TemplateKeys.LAUNCH));
        assertEquals(string(template, TemplateKeys.WAIT_FOR_TRACE),
                string(template, TemplateKeys.DEBUG_SERVER_READY_PATTERN));
        JsonObject commands = template.getAsJsonObject(TemplateKeys.LAUNCH);
        for (Map.Entry<String, JsonElement> e : commands.entrySet()) {
            assertTrue(Set.of("default", "windows", "mac", "unix").contains(e.getKey()), e.getKey());
            assertTrue(e.getValue().getAsJsonPrimitive().isString());
        }
    }

    @Test
    void theCommandIsTheCoresAndSurvivesLsp4ijSplittingIt() {
        JsonObject commands = template.getAsJsonObject(TemplateKeys.LAUNCH);
        assertEquals(ServerCommand.forCheckout(ROOT, ServerCommand.Platform.UNIX).argv(),
                CommandLines.split(string(commands, TemplateKeys.DEFAULT_OS)));
        assertEquals(ServerCommand.forCheckout(ROOT, ServerCommand.Platform.WINDOWS).argv(),
                CommandLines.split(string(commands, TemplateKeys.WINDOWS_OS)));
        assertTrue(string(commands, TemplateKeys.DEFAULT_OS).contains(ServerCommand.PORT_VARIABLE));
    }

    @Test
    void theReadyPatternReadsTheLineTheServerPrints() {
        ReadyPattern p = new ReadyPattern(string(template, TemplateKeys.DEBUG_SERVER_READY_PATTERN));
        assertEquals(Optional.of(new ReadyPattern.Address("127.0.0.1", 40123)), p.match("listening on 127.0.0.1:40123"));
    }

    @Test
    void attachPlaceholdersNameKeysOfAttachJson() {
        JsonObject a = template.getAsJsonObject(TemplateKeys.ATTACH);
        String address = string(a, TemplateKeys.ATTACH_ADDRESS);
        String port = string(a, TemplateKeys.ATTACH_PORT);
        assertTrue(address.startsWith("$") && port.startsWith("$"), a.toString());
        assertTrue(attach.get(address.substring(1)).getAsJsonPrimitive().isString());
        assertTrue(attach.get(port.substring(1)).getAsJsonPrimitive().isNumber());
    }

    @Test
    void fileTypeMappingsAreShapedAsLsp4ijReadsThemAndCoverEveryLanguage() {
        JsonArray mappings = template.getAsJsonArray(TemplateKeys.FILE_TYPE_MAPPINGS);
        Set<String> patterns = new HashSet<>();
        for (JsonElement m : mappings) {
            JsonObject fileType = m.getAsJsonObject().getAsJsonObject(TemplateKeys.FILE_TYPE);
            JsonArray ps = fileType.getAsJsonArray(TemplateKeys.PATTERNS);
            assertFalse(ps.isEmpty());
            ps.forEach(p -> patterns.add(p.getAsString()));
            assertTrue(m.getAsJsonObject().get(TemplateKeys.LANGUAGE_ID).getAsJsonPrimitive().isString());
        }
        assertTrue(patterns.containsAll(List.of("*.wasm", "*.wat", "*.c", "*.cpp", "*.rs", "*.zig")), patterns.toString());
    }

    @Test
    void launchJsonWithLsp4ijsVariablesFilledInIsAcceptedByTheServer() throws Exception {
        String text = LaunchVariables.resolve(Files.readString(out.resolve(TemplateKeys.LAUNCH_FILE)),
                "/w/p/build/app.wasm", "/w/p");
        Map<String, Object> sent = new Gson().fromJson(text, new TypeToken<Map<String, Object>>() { }.getType());
        LaunchConfig c = LaunchArguments.parse(sent, Path.of("/"));
        assertEquals(Path.of("/w/p/build/app.wasm"), c.program());
        assertEquals(AdapterIds.DEBUG_TYPE, sent.get("type"));
    }

    @Test
    void regeneratingGivesTheSameBytes(@TempDir Path again) throws Exception {
        TemplateGenerator.main(new String[] {again.toString(), ROOT.toString()});
        for (String f : List.of("template.json", "launch.json", "attach.json")) {
            assertEquals(Files.readString(out.resolve(f)), Files.readString(again.resolve(f)), f);
        }
    }

    private static String string(JsonObject o, String key) {
        JsonElement e = o.get(key);
        assertTrue(e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString(), key + " in " + o);
        return e.getAsString();
    }
}
