package dev.trapdoor.intellij;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The thin plugin cannot be compiled here (no IntelliJ SDK), so its wiring is checked by structure: {@code plugin.xml}
 * is well-formed, uses the core's ids and LSP4IJ's extension point, and names classes whose sources exist and declare
 * them with the right supertype. Also: nothing Maven compiles may touch {@code com.intellij}.
 */
class PluginSourcesTest {
    private static final Path MODULE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    private static final Path PLUGIN = MODULE.resolve("plugin");
    private static final Path PLUGIN_JAVA = PLUGIN.resolve("src/main/java");
    /** An import or package declaration of IntelliJ's or LSP4IJ's types, at the start of a line. */
    private static final Pattern IDE_TYPES =
            Pattern.compile("(?m)^\\s*(import|package)\\s+(static\\s+)?com\\.(intellij|redhat\\.devtools\\.lsp4ij)\\b");
    private static Element root;

    @BeforeAll
    static void parse() throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document d = f.newDocumentBuilder().parse(PLUGIN.resolve("src/main/resources/META-INF/plugin.xml").toFile());
        root = d.getDocumentElement();
    }

    @Test
    void identityAndDependencies() {
        assertEquals("idea-plugin", root.getTagName());
        assertEquals("dev.trapdoor.intellij", text("id"));
        assertTrue(!text("name").isBlank());
        List<String> depends = texts("depends");
        assertTrue(depends.contains("com.intellij.modules.platform"), depends.toString());
        assertTrue(depends.contains("com.redhat.devtools.lsp4ij"), depends.toString());
    }

    @Test
    void theDebugAdapterServerExtensionUsesTheCoresIdsAndAnExistingFactory() throws Exception {
        Element server = extension("com.redhat.devtools.lsp4ij", "debugAdapterServer");
        assertEquals(AdapterIds.SERVER_ID, server.getAttribute("id"));
        assertEquals(AdapterIds.SERVER_NAME, server.getAttribute("name"));
        assertDeclared(server.getAttribute("factoryClass"), "extends DebugAdapterDescriptorFactory");
    }

    @Test
    void theRunConfigurationTypeExistsAndIsNamedAsTheIssueSays() throws Exception {
        Element type = extension("com.intellij", "configurationType");
        String source = assertDeclared(type.getAttribute("implementation"), "extends ConfigurationTypeBase");
        assertTrue(source.contains("AdapterIds.RUN_CONFIGURATION_NAME"), "named from the core");
        assertEquals("WebAssembly (Trapdoor)", AdapterIds.RUN_CONFIGURATION_NAME);
    }

    @Test
    void theGradleBuildUsesIntellijPlatformGradlePlugin2AndLsp4ij() throws Exception {
        String build = Files.readString(PLUGIN.resolve("build.gradle.kts"));
        assertTrue(Pattern.compile("id\\(\"org\\.jetbrains\\.intellij\\.platform\"\\) version \"2\\.\\d+\\.\\d+\"")
                .matcher(build).find(), "IntelliJ Platform Gradle Plugin 2.x");
        assertTrue(build.contains("plugin(\"com.redhat.devtools.lsp4ij:"), "depends on LSP4IJ");
        assertTrue(build.contains("trapdoor-intellij-core"), "uses the core");
        assertTrue(Files.isRegularFile(PLUGIN.resolve("settings.gradle.kts")));
    }

    @Test
    void nothingMavenCompilesTouchesIntellijAndNoStandInsExist() throws Exception {
        List<Path> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MODULE.resolve("src"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                if (IDE_TYPES.matcher(Files.readString(p)).find()) {
                    offenders.add(p);
                }
            }
        }
        assertEquals(List.of(), offenders);
        try (Stream<Path> files = Files.walk(PLUGIN_JAVA)) {
            assertTrue(files.noneMatch(p -> p.startsWith(PLUGIN_JAVA.resolve("com"))), "no stand-in com.* sources");
        }
    }

    /** The class's source exists, is in its package, declares the class, and contains {@code supertype}. */
    private static String assertDeclared(String fqcn, String supertype) throws Exception {
        Path source = PLUGIN_JAVA.resolve(fqcn.replace('.', '/') + ".java");
        assertTrue(Files.isRegularFile(source), source + " exists");
        String s = Files.readString(source);
        String pkg = fqcn.substring(0, fqcn.lastIndexOf('.'));
        String simple = fqcn.substring(fqcn.lastIndexOf('.') + 1);
        assertTrue(s.contains("package " + pkg + ";"), "package of " + source);
        assertTrue(Pattern.compile("public\\s+(final\\s+)?class\\s+" + simple + "\\s+" + Pattern.quote(supertype))
                .matcher(s).find(), simple + " is a public class that " + supertype);
        return s;
    }

    private static Element extension(String namespace, String tag) {
        NodeList groups = root.getElementsByTagName("extensions");
        List<Element> found = new ArrayList<>();
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if (namespace.equals(g.getAttribute("defaultExtensionNs"))) {
                NodeList items = g.getElementsByTagName(tag);
                for (int j = 0; j < items.getLength(); j++) {
                    found.add((Element) items.item(j));
                }
            }
        }
        assertEquals(1, found.size(), "one " + namespace + "." + tag);
        return found.get(0);
    }

    private static String text(String tag) {
        List<String> all = texts(tag);
        assertEquals(1, all.size(), tag);
        return all.get(0);
    }

    private static List<String> texts(String tag) {
        NodeList nodes = root.getElementsByTagName(tag);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getTextContent().trim());
        }
        return out;
    }
}
