package dev.trapdoor.dap.transport;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trapdoor.dap.source.SourceVariablesProvider;
import dev.trapdoor.engine.text.Wat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The TCP server's frames made by the writing thread straight into pooled buffers ({@link FrameBytes}) against
 * {@link Frames#frame}'s arrays ({@code -Dtrapdoor.dap.directFrames=false}): one session, stepped by instruction
 * through a program with non-ASCII and non-BMP names (so bodies whose UTF-8 is longer than their text), gets the same
 * bytes, headers included, from its first stop to the end.
 */
class DirectFramesTcpTest {
    private static final String ODD = "q\\\"uo\\\\te <&>='\\t\\u{1}é\\u{2028}🙂𐍈";
    private static final String WAT = """
            (module
              (global $"g%1$s" (mut i64) (i64.const -9223372036854775808))
              (func $"in%1$s" (param $"p%1$s" i32) (result i32)
                (local $"nan%1$s" f32)
                (local.set $"nan%1$s" (f32.div (f32.const 0) (f32.const 0)))
                (global.set $"g%1$s" (i64.const 18446744073709551615))
                (i32.add (local.get $"p%1$s") (i32.const 1)))
              (func $"_start%1$s" (export "_start")
                (drop (call $"in%1$s" (i32.const 2147483647)))
                (drop (call $"in%1$s" (i32.const -1)))))
            """.formatted(ODD);

    @Test
    void aSessionGetsTheSameBytesBothWays(@TempDir Path dir) throws Exception {
        Path program = dir.resolve("odd.wasm");
        Files.write(program, Wat.compile("odd.wat", WAT).binary());
        List<byte[]> direct = session(program, true);
        List<byte[]> arrays = session(program, false);
        assertEquals(arrays.size(), direct.size(), "frames");
        for (int i = 0; i < arrays.size(); i++) {
            int at = i;
            assertArrayEquals(arrays.get(i), direct.get(i), () -> "frame " + at + ": "
                    + new String(arrays.get(at), StandardCharsets.UTF_8));
        }
        assertTrue(direct.size() > 40, "a long session: " + direct.size());
        byte[] smile = "🙂𐍈".getBytes(StandardCharsets.UTF_8);
        assertTrue(direct.stream().anyMatch(f -> contains(f, smile)), "non-BMP names on the wire");
        assertTrue(direct.stream().anyMatch(f -> {
            String text = new String(f, StandardCharsets.UTF_8);
            return text.length() < f.length;
        }), "a body longer in bytes than in chars");
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        for (int i = 0; i + needle.length <= hay.length; i++) {
            if (Arrays.equals(hay, i, i + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }

    /** Every frame (header and body) the server sent from the first stopped event on. */
    private static List<byte[]> session(Path program, boolean direct) throws Exception {
        boolean before = ChannelSink.directFrames;
        ChannelSink.directFrames = direct;
        TcpServer server = TcpServer.start("127.0.0.1", 0, Path.of("."), SourceVariablesProvider.NONE, () -> null);
        try (Socket socket = new Socket("127.0.0.1", server.address().getPort())) {
            socket.setSoTimeout(30_000);
            Wire wire = new Wire(socket);
            wire.ask("initialize", "{\"adapterID\":\"trapdoor\",\"linesStartAt1\":true}");
            JsonObject launch = new JsonObject();
            launch.addProperty("program", program.toString());
            launch.addProperty("stopOnEntry", true);
            wire.ask("launch", launch.toString());
            wire.ask("configurationDone", null);
            wire.awaitEvent("stopped");
            wire.keepFromNow();
            for (int step = 0; step < 30; step++) {
                JsonObject trace = wire.ask("stackTrace", "{\"threadId\":1}");
                for (JsonElement frame : trace.getAsJsonObject("body").getAsJsonArray("stackFrames")) {
                    int frameId = frame.getAsJsonObject().get("id").getAsInt();
                    JsonObject scopes = wire.ask("scopes", "{\"frameId\":" + frameId + "}");
                    for (JsonElement scope : scopes.getAsJsonObject("body").getAsJsonArray("scopes")) {
                        int ref = scope.getAsJsonObject().get("variablesReference").getAsInt();
                        wire.ask("variables", "{\"variablesReference\":" + ref + "}");
                    }
                }
                wire.ask("stepIn", "{\"threadId\":1,\"granularity\":\"instruction\"}");
                if (wire.awaitEvent("stopped", "terminated").equals("terminated")) {
                    break;
                }
            }
            wire.ask("disconnect", null);
            return wire.kept;
        } finally {
            server.close();
            ChannelSink.directFrames = before;
        }
    }

    /** Requests in lock-step and the raw frames that come back. */
    private static final class Wire {
        private final Socket socket;
        private final DataInputStream in;
        private final List<byte[]> kept = new ArrayList<>();
        private boolean keeping;
        private int seq;

        Wire(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new DataInputStream(socket.getInputStream());
        }

        void keepFromNow() {
            keeping = true;
        }

        JsonObject ask(String command, String arguments) throws IOException {
            int mine = ++seq;
            socket.getOutputStream().write(Frames.frame(RawClient.request(mine, command, arguments)));
            while (true) {
                JsonObject m = next();
                if ("response".equals(m.get("type").getAsString()) && m.get("request_seq").getAsInt() == mine) {
                    assertTrue(m.get("success").getAsBoolean(), m.toString());
                    return m;
                }
            }
        }

        /** Reads until one of {@code events}; returns its name. */
        String awaitEvent(String... events) throws IOException {
            while (true) {
                JsonObject m = next();
                if ("event".equals(m.get("type").getAsString())) {
                    String name = m.get("event").getAsString();
                    if (Arrays.asList(events).contains(name)) {
                        return name;
                    }
                }
            }
        }

        private JsonObject next() throws IOException {
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            while (!frame.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                frame.write(in.readUnsignedByte());
            }
            String header = frame.toString(StandardCharsets.US_ASCII);
            byte[] body = new byte[Integer.parseInt(header.substring(header.indexOf(':') + 1).trim())];
            in.readFully(body);
            frame.write(body);
            if (keeping) {
                kept.add(frame.toByteArray());
            }
            return JsonParser.parseString(new String(body, StandardCharsets.UTF_8)).getAsJsonObject();
        }
    }
}
