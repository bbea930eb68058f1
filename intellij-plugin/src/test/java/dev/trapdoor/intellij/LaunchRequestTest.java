package dev.trapdoor.intellij;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import dev.trapdoor.dap.session.LaunchArguments;
import dev.trapdoor.dap.session.LaunchConfig;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The launch/attach JSON, checked against the server's own launch parser (which rejects unknown keys). */
class LaunchRequestTest {
    private static final Gson GSON = new Gson();

    /** What LSP4IJ does: variables replaced in the text, then the text parsed to a map, then sent. */
    static Map<String, Object> asSent(Map<String, Object> json, String file, String folder) {
        String text = LaunchVariables.resolve(GSON.toJson(json), file, folder);
        return GSON.fromJson(text, new TypeToken<Map<String, Object>>() { }.getType());
    }

    @Test
    void theDefaultLaunchRunsTheSelectedFileInTheProjectFolder() {
        Map<String, Object> json = LaunchRequest.currentFile().toJson();
        assertEquals(List.of("type", "request", "name", "program", "args", "cwd", "stopOnEntry"),
                List.copyOf(json.keySet()));
        assertEquals("${file}", json.get("program"));
        assertEquals("trapdoor", json.get("type"));

        LaunchConfig c = LaunchArguments.parse(asSent(json, "/w/proj/out/app.wasm", "/w/proj"), Path.of("/"));
        assertEquals(Path.of("/w/proj/out/app.wasm"), c.program());
        assertEquals(Path.of("/w/proj"), c.cwd());
        assertEquals(List.of(), c.args());
    }

    @Test
    void everyFieldReachesTheServerUnderTheKeyItReads() {
        LaunchRequest r = new LaunchRequest("all", "${file}", List.of("div", "3"), "${workspaceFolder}",
                Map.of("GREETING", "hi"), Map.of("data", "/data"), true, "fib");
        LaunchConfig c = LaunchArguments.parse(asSent(r.toJson(), "/p/a.wasm", "/p"), Path.of("/"));
        assertEquals(List.of("div", "3"), c.args());
        assertEquals(Map.of("GREETING", "hi"), c.env());
        assertEquals(Map.of(Path.of("/p/data"), "/data"), c.dirs());
        assertTrue(c.stopOnEntry());
        assertEquals("fib", c.invoke());
    }

    @Test
    void windowsPathsSurviveTheTextReplacement() {
        Map<String, Object> sent = asSent(LaunchRequest.currentFile().toJson(), "C:\\w\\app.wasm", "C:\\w");
        assertEquals("C:\\w\\app.wasm", sent.get("program"));
        assertEquals("C:\\w", sent.get("cwd"));
    }

    @Test
    void aVariableWithoutValueStaysAsWritten() {
        assertEquals("{\"cwd\":\"${workspaceFolder}\"}",
                LaunchVariables.resolve("{\"cwd\":\"${workspaceFolder}\"}", "/a.wasm", null));
    }

    @Test
    void theServerWouldRejectAKeyTheModelDoesNotKnow() {
        // The guard the model relies on: if the server stopped rejecting unknown keys, the test above proves less.
        Map<String, Object> sent = asSent(LaunchRequest.currentFile().toJson(), "/a.wasm", "/");
        sent.put("progam", "/a.wasm");
        assertThrows(ResponseErrorException.class, () -> LaunchArguments.parse(sent, Path.of("/")));
    }

    @Test
    void attachNamesTheAddressAndPortLsp4ijConnectsTo() {
        Map<String, Object> json = AttachRequest.runListen().toJson();
        assertEquals("attach", json.get("request"));
        assertEquals("127.0.0.1", json.get(AttachRequest.ADDRESS_KEY));
        assertEquals(4711, json.get(AttachRequest.PORT_KEY));
        assertThrows(IllegalArgumentException.class, () -> new AttachRequest("x", "127.0.0.1", 0, false));
        assertThrows(IllegalArgumentException.class, () -> new AttachRequest("x", "127.0.0.1", 65536, false));
    }
}
