package dev.trapdoor.fuzz;

import dev.trapdoor.dap.source.DwarfVariablesProvider;
import dev.trapdoor.dap.transport.DapConnection;
import dev.trapdoor.dap.transport.StdioTransport;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Target 3: the DAP message layer. Sessions on a real {@link DapConnection} with debugme.wasm stopped on entry get
 * mutated requests: values swapped for wrong types, huge numbers, deep nesting and long strings, or byte-level
 * mutations of the JSON. After each, a {@code threads} probe must be answered within the bound (the session is
 * alive and not hung), and no response may show Java internals. Sessions end by closing the connection with
 * requests still pending (a disconnect mid-request). Framing: mutated byte streams through the frame reader, which
 * may only return messages or throw an {@code IOException}.
 */
class DapMessageFuzzTest {
    private static final long BOUND_MS = 10_000;
    private static final Pattern REQUEST_SEQ = Pattern.compile("\"request_seq\"\\s*:\\s*(\\d+)");
    private static final Pattern JAVA = Pattern.compile("\\bjava\\.[a-z]{1,20}\\.|\\\\tat |\\b[A-Z][A-Za-z]{0,60}Exception\\b"
            + "|StackOverflowError|OutOfMemoryError");
    private static final String[] TEMPLATES = {
        "{\"command\":\"threads\"}",
        "{\"command\":\"stackTrace\",\"arguments\":{\"threadId\":1,\"startFrame\":0,\"levels\":20}}",
        "{\"command\":\"scopes\",\"arguments\":{\"frameId\":1}}",
        "{\"command\":\"variables\",\"arguments\":{\"variablesReference\":1,\"start\":0,\"count\":100}}",
        "{\"command\":\"variables\",\"arguments\":{\"variablesReference\":2}}",
        "{\"command\":\"evaluate\",\"arguments\":{\"expression\":\"$0 + 1\",\"frameId\":1,\"context\":\"watch\"}}",
        "{\"command\":\"evaluate\",\"arguments\":{\"expression\":\"mem32[0x1000] * 2\",\"context\":\"repl\"}}",
        "{\"command\":\"disassemble\",\"arguments\":{\"memoryReference\":\"0x100\",\"instructionOffset\":-10,"
                + "\"instructionCount\":50}}",
        "{\"command\":\"readMemory\",\"arguments\":{\"memoryReference\":\"0x1000\",\"offset\":0,\"count\":64}}",
        "{\"command\":\"writeMemory\",\"arguments\":{\"memoryReference\":\"0x1000\",\"data\":\"AAEC\"}}",
        "{\"command\":\"setBreakpoints\",\"arguments\":{\"source\":{\"path\":\"debugme.c\"},"
                + "\"breakpoints\":[{\"line\":10},{\"line\":20,\"condition\":\"i > 2\"}]}}",
        "{\"command\":\"setFunctionBreakpoints\",\"arguments\":{\"breakpoints\":[{\"name\":\"main\"}]}}",
        "{\"command\":\"setInstructionBreakpoints\",\"arguments\":{\"breakpoints\":"
                + "[{\"instructionReference\":\"0x120\",\"offset\":0}]}}",
        "{\"command\":\"setExceptionBreakpoints\",\"arguments\":{\"filters\":[\"trap.all\"]}}",
        "{\"command\":\"breakpointLocations\",\"arguments\":{\"source\":{\"path\":\"debugme.c\"},\"line\":5}}",
        "{\"command\":\"next\",\"arguments\":{\"threadId\":1,\"granularity\":\"instruction\"}}",
        "{\"command\":\"stepIn\",\"arguments\":{\"threadId\":1}}",
        "{\"command\":\"stepOut\",\"arguments\":{\"threadId\":1}}",
        "{\"command\":\"pause\",\"arguments\":{\"threadId\":1}}",
        "{\"command\":\"source\",\"arguments\":{\"source\":{\"path\":\"debugme.c\"},\"sourceReference\":0}}",
        "{\"command\":\"exceptionInfo\",\"arguments\":{\"threadId\":1}}",
        "{\"command\":\"modules\",\"arguments\":{\"startModule\":0}}",
        "{\"command\":\"loadedSources\"}",
        "{\"command\":\"completions\",\"arguments\":{\"text\":\"$\",\"column\":2}}",
        "{\"command\":\"setVariable\",\"arguments\":{\"variablesReference\":1,\"name\":\"$0\",\"value\":\"5\"}}",
        "{\"command\":\"setExpression\",\"arguments\":{\"expression\":\"global[0]\",\"value\":\"65536\"}}",
        "{\"command\":\"stepBack\",\"arguments\":{\"threadId\":1}}",
        "{\"command\":\"goto\",\"arguments\":{\"threadId\":1,\"targetId\":1}}",
        "{\"command\":\"continue\",\"arguments\":{\"threadId\":1}}",
    };
    private static final String[] NASTY = {"-1", "2147483647", "-2147483648", "9223372036854775807", "1e300",
            "0.5", "null", "true", "\"\"", "\"0xffffffffffffffff\"", "[]", "{}", "\"" + "x".repeat(100_000) + "\"",
            "[".repeat(3_000) + "]".repeat(3_000), "{\"a\":" .repeat(1_000) + "1" + "}".repeat(1_000),
            "\"" + "(".repeat(20_000) + "\"", "\"\\u0000\\ud800\""};

    @Test
    void dapMessageLayer() throws Exception {
        Budget budget = new Budget();
        long i = 0;
        int sessions = 0;
        Path examples = Path.of("..", "examples").toAbsolutePath().normalize();
        while (budget.left()) {
            Session s = new Session(examples);
            sessions++;
            s.start();
            for (int k = 0; k < 40 && budget.left(); k++, i++) {
                Random r = new Random(budget.seed * 1_000_003L + i);
                int seq = s.nextSeq();
                String message = mutate(TEMPLATES[r.nextInt(TEMPLATES.length)], seq, r);
                s.connection.receive(message);
                int probe = s.nextSeq();
                s.connection.receive("{\"seq\":" + probe + ",\"type\":\"request\",\"command\":\"threads\"}");
                if (!s.awaitResponse(probe)) {
                    fail("no answer within " + BOUND_MS + " ms after input " + i + ": "
                            + budget.keep("dap", i, message.getBytes(StandardCharsets.UTF_8)));
                }
                String bad = s.javaInternals();
                if (bad != null) {
                    fail("a response shows Java internals after input " + i + " ("
                            + budget.keep("dap", i, message.getBytes(StandardCharsets.UTF_8)) + "): "
                            + bad.substring(0, Math.min(bad.length(), 2000)));
                }
            }
            // A disconnect with requests in flight.
            s.connection.receive("{\"seq\":" + s.nextSeq() + ",\"type\":\"request\",\"command\":\"stackTrace\","
                    + "\"arguments\":{\"threadId\":1}}");
            s.connection.close();
        }
        long frames = framing(budget);
        System.err.println("dap fuzz: " + i + " requests in " + sessions + " sessions from seed " + budget.seed
                + ", " + frames + " framing inputs");
        assertTrue(i > 20, "too few requests: " + i);
    }

    /** A template as a request with {@code seq}, its values replaced or its bytes mutated. */
    private static String mutate(String template, int seq, Random r) {
        String json = "{\"seq\":" + seq + ",\"type\":\"request\"," + template.substring(1);
        if (r.nextInt(3) == 0) {
            return json;
        }
        if (r.nextBoolean()) {
            // Keep the seq intact so the error response can name it; mutate the rest.
            String head = "{\"seq\":" + seq + ",";
            byte[] rest = json.substring(head.length()).getBytes(StandardCharsets.UTF_8);
            byte[] m = Mutator.mutate(rest, List.of(rest), r);
            return head + new String(m, StandardCharsets.UTF_8);
        }
        List<int[]> values = new ArrayList<>();
        Matcher colon = Pattern.compile(":(\"[^\"]*\"|[-0-9.e]+|true|false|null|\\[[^\\[\\]]*\\])").matcher(json);
        while (colon.find()) {
            if (colon.start() > ("{\"seq\":" + seq).length()) {
                values.add(new int[]{colon.start(1), colon.end(1)});
            }
        }
        if (values.isEmpty()) {
            return json;
        }
        int[] v = values.get(r.nextInt(values.size()));
        return json.substring(0, v[0]) + NASTY[r.nextInt(NASTY.length)] + json.substring(v[1]);
    }

    /** Mutated frame streams through the reader: messages or an IOException, nothing else, quickly. */
    private static long framing(Budget budget) throws IOException {
        byte[] valid = ("Content-Length: 2\r\n\r\n{}Content-Length: 15\r\n\r\n{\"seq\":1,\"a\":1}"
                + "Content-Length: 2\nContent-Type: x\n\n[]").getBytes(StandardCharsets.ISO_8859_1);
        long n = 0;
        long end = System.nanoTime() + 2_000_000_000L;
        for (; System.nanoTime() < end; n++) {
            Random r = new Random(budget.seed * 7919L + n);
            byte[] input = Mutator.mutate(valid, List.of(valid), r);
            ByteArrayInputStream in = new ByteArrayInputStream(input);
            try {
                for (int k = 0; k < 100 && StdioTransport.next(in, 1 << 16) != null; k++) {
                    // messages come out; that is all
                }
            } catch (IOException expected) {
                // broken framing or an oversized body: the connection's business
            } catch (RuntimeException | Error e) {
                throw new AssertionError("frame reader threw " + e + ": " + budget.keep("framing", n, input), e);
            }
        }
        return n;
    }

    /** One connection and what it sent back. */
    private static final class Session {
        final DapConnection connection;
        final BlockingQueue<String> out = new LinkedBlockingQueue<>();
        final List<String> seen = new ArrayList<>();
        private int seq;

        Session(Path cwd) {
            connection = new DapConnection(frame -> out.add(body(frame)), cwd, new DwarfVariablesProvider(), null,
                    () -> {
                    });
        }

        int nextSeq() {
            return ++seq;
        }

        void start() throws InterruptedException {
            connection.receive("{\"seq\":" + nextSeq() + ",\"type\":\"request\",\"command\":\"initialize\","
                    + "\"arguments\":{\"adapterID\":\"fuzz\"}}");
            connection.receive("{\"seq\":" + nextSeq() + ",\"type\":\"request\",\"command\":\"launch\","
                    + "\"arguments\":{\"program\":\"debugme.wasm\",\"stopOnEntry\":true,\"tier\":\"interpreter\","
                    + "\"timeLimit\":30}}");
            int done = nextSeq();
            connection.receive("{\"seq\":" + done + ",\"type\":\"request\",\"command\":\"configurationDone\"}");
            if (!awaitResponse(done)) {
                fail("the session did not start");
            }
        }

        boolean awaitResponse(int requestSeq) throws InterruptedException {
            long end = System.currentTimeMillis() + BOUND_MS;
            while (System.currentTimeMillis() < end) {
                String m = out.poll(end - System.currentTimeMillis(), TimeUnit.MILLISECONDS);
                if (m == null) {
                    return false;
                }
                seen.add(m);
                Matcher rs = REQUEST_SEQ.matcher(m);
                if (m.contains("\"type\":\"response\"") && rs.find() && Integer.parseInt(rs.group(1)) == requestSeq) {
                    return true;
                }
            }
            return false;
        }

        String javaInternals() {
            for (String m : seen) {
                if (m.contains("\"type\":\"response\"") && JAVA.matcher(m).find()) {
                    return m;
                }
            }
            seen.clear();
            return null;
        }

        private static String body(byte[] frame) {
            String s = new String(frame, StandardCharsets.UTF_8);
            return s.substring(s.indexOf("\r\n\r\n") + 4);
        }
    }
}
