package dev.trapdoor.intellij;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An {@code attach} to a program started with {@code trapdoor run --listen PORT} (or an application embedding the
 * engine). That program is itself the DAP endpoint, so the IDE connects to {@code address:port} and starts no
 * server. LSP4IJ reads the address and port out of these arguments (see {@link #ADDRESS_KEY}, {@link #PORT_KEY}).
 *
 * @param name        the configuration's name
 * @param address     where the program listens (loopback unless it was told otherwise)
 * @param port        the {@code --listen} port
 * @param stopOnEntry stop before the program's first instruction
 */
public record AttachRequest(String name, String address, int port, boolean stopOnEntry) {
    public static final String ADDRESS_KEY = "address";
    public static final String PORT_KEY = "port";
    /** The port the README's {@code run --listen} example uses. */
    public static final int DEFAULT_PORT = 4711;

    public AttachRequest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not a TCP port");
        }
    }

    public static AttachRequest runListen() {
        return new AttachRequest("Attach to trapdoor run --listen", "127.0.0.1", DEFAULT_PORT, false);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", AdapterIds.DEBUG_TYPE);
        m.put("request", "attach");
        m.put("name", name);
        m.put(ADDRESS_KEY, address);
        m.put(PORT_KEY, port);
        m.put("stopOnEntry", stopOnEntry);
        return m;
    }
}
