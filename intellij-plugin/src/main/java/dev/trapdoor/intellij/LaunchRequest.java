package dev.trapdoor.intellij;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@code launch} request for the Trapdoor server. Only keys the server accepts are written (it rejects unknown keys
 * so a typo does not go unnoticed); empty values are left out so the JSON a user sees stays short. Strings may hold
 * LSP4IJ's variables ({@code ${file}}, {@code ${workspaceFolder}}), which LSP4IJ replaces before sending.
 *
 * @param name        the configuration's name, shown by the IDE
 * @param program     the {@code .wasm} to run
 * @param args        the guest's arguments after argv[0]
 * @param cwd         the directory relative paths resolve against, or {@code null}
 * @param env         the guest's environment
 * @param dirs        preopened directories, host path → guest path
 * @param stopOnEntry stop before the first instruction
 * @param invoke      an export to call instead of {@code _start}, or {@code null}
 */
public record LaunchRequest(String name, String program, List<String> args, String cwd, Map<String, String> env,
                            Map<String, String> dirs, boolean stopOnEntry, String invoke) {
    public LaunchRequest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(program, "program");
        args = List.copyOf(args);
        env = Map.copyOf(env);
        dirs = Map.copyOf(dirs);
    }

    /** The request LSP4IJ's "Launch" configuration starts from: the selected file, in the project folder. */
    public static LaunchRequest currentFile() {
        return new LaunchRequest("Debug WebAssembly file", LaunchVariables.FILE, List.of(),
                LaunchVariables.WORKSPACE_FOLDER, Map.of(), Map.of(), false, null);
    }

    public LaunchRequest withArgs(List<String> newArgs) {
        return new LaunchRequest(name, program, newArgs, cwd, env, dirs, stopOnEntry, invoke);
    }

    /** The request's arguments, in a stable order. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", AdapterIds.DEBUG_TYPE);
        m.put("request", "launch");
        m.put("name", name);
        m.put("program", program);
        // args is always written: it is the field users edit most, so it should be there to edit.
        m.put("args", args);
        if (cwd != null) {
            m.put("cwd", cwd);
        }
        if (!env.isEmpty()) {
            m.put("env", new LinkedHashMap<>(env));
        }
        if (!dirs.isEmpty()) {
            m.put("dirs", new LinkedHashMap<>(dirs));
        }
        m.put("stopOnEntry", stopOnEntry);
        if (invoke != null) {
            m.put("invoke", invoke);
        }
        return m;
    }
}
