package dev.trapdoor.intellij.template;

/**
 * The keys LSP4IJ reads from a DAP template folder (its {@code DAPTemplateManager} and {@code DAPTemplateDeserializer}).
 * LSP4IJ renamed two of them during 2025: the server command was {@code programArgs} and became {@code launch}, the
 * ready line was {@code waitForTrace} and became {@code debugServerReadyPattern}. Both spellings are written, with the
 * same values, so the template imports into older and newer LSP4IJ alike; each reader ignores the keys it does not
 * know. Older readers fail without {@code programArgs}; every reader fails without {@code id} and {@code name}.
 */
public final class TemplateKeys {
    public static final String TEMPLATE_FILE = "template.json";
    /** LSP4IJ takes every {@code launch.*} file as a launch configuration, named by its {@code name} key. */
    public static final String LAUNCH_FILE = "launch.json";
    /** ... and every {@code attach.*} file as an attach configuration. */
    public static final String ATTACH_FILE = "attach.json";

    public static final String ID = "id";
    public static final String NAME = "name";
    /** Object: OS ({@code default}, {@code windows}, {@code mac}, {@code unix}) → command line. Older LSP4IJ. */
    public static final String PROGRAM_ARGS = "programArgs";
    /** The same object under its newer name. */
    public static final String LAUNCH = "launch";
    public static final String DEFAULT_OS = "default";
    public static final String WINDOWS_OS = "windows";
    /** The ready pattern, older name. */
    public static final String WAIT_FOR_TRACE = "waitForTrace";
    /** The ready pattern, newer name. */
    public static final String DEBUG_SERVER_READY_PATTERN = "debugServerReadyPattern";
    /** Object with {@code address} and {@code port}: each a literal or {@code $key} naming a key of the attach JSON. */
    public static final String ATTACH = "attach";
    public static final String ATTACH_ADDRESS = "address";
    public static final String ATTACH_PORT = "port";
    /** Array of {@code {"fileType": {"name"?, "patterns"?}, "languageId"}}. */
    public static final String FILE_TYPE_MAPPINGS = "fileTypeMappings";
    public static final String FILE_TYPE = "fileType";
    public static final String PATTERNS = "patterns";
    public static final String LANGUAGE_ID = "languageId";

    private TemplateKeys() {
    }
}
