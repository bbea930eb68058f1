package dev.trapdoor.intellij;

/**
 * The names under which Trapdoor appears in the IDE. The template, {@code plugin.xml} and the run configuration all
 * use these; {@code PluginXmlTest} fails when {@code plugin.xml} drifts from them.
 */
public final class AdapterIds {
    /** LSP4IJ's debug adapter server id (template {@code id}, {@code debugAdapterServer id}). */
    public static final String SERVER_ID = "trapdoor";
    /** What LSP4IJ shows in its server list. */
    public static final String SERVER_NAME = "Trapdoor (WebAssembly)";
    /** The {@code type} of launch/attach requests; LSP4IJ also sends it as the {@code adapterID}. */
    public static final String DEBUG_TYPE = "trapdoor";
    /** The run configuration type the plugin adds. */
    public static final String RUN_CONFIGURATION_NAME = "WebAssembly (Trapdoor)";
    /** Its IntelliJ id. */
    public static final String RUN_CONFIGURATION_ID = "TrapdoorWebAssembly";

    private AdapterIds() {
    }
}
