package dev.trapdoor.intellij;

import java.util.Map;

/**
 * LSP4IJ's variables in launch/attach JSON. LSP4IJ replaces them as plain text before parsing the JSON, and leaves a
 * variable as it is when it has no value; {@link #resolve} does the same, so tests see what the server will get.
 */
public final class LaunchVariables {
    /** The file chosen in the run configuration: for Trapdoor, the {@code .wasm}. */
    public static final String FILE = "${file}";
    /** The configuration's working directory (the project folder by default). */
    public static final String WORKSPACE_FOLDER = "${workspaceFolder}";

    private LaunchVariables() {
    }

    /** The JSON text with {@code ${file}} and {@code ${workspaceFolder}} replaced; null or empty values are skipped. */
    public static String resolve(String json, String file, String workspaceFolder) {
        String out = json;
        for (Map.Entry<String, String> e : Map.of(FILE, escaped(file), WORKSPACE_FOLDER, escaped(workspaceFolder))
                .entrySet()) {
            if (!e.getValue().isEmpty()) {
                out = out.replace(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    // The replacement lands inside a JSON string: a Windows path's backslashes must be doubled (LSP4IJ does this).
    private static String escaped(String path) {
        return path == null ? "" : path.replace("\\", "\\\\");
    }
}
