package dev.trapdoor.it;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The oracle for instruction offsets: {@code wasm-objdump -d} (Debian's wabt), one function's instructions. */
final class Objdump {
    private static final Pattern INSTRUCTION = Pattern.compile("^\\s*([0-9a-f]{6}):[0-9a-f ]+\\|\\s*(.*)$");
    private static final Pattern FUNCTION = Pattern.compile("^[0-9a-f]+ func\\[\\d+\\] <(.*)>:$");

    record Line(int moduleOffset, String text) {
        String mnemonic() {
            return text.split(" ")[0];
        }

        String reference() {
            return String.format("0x%x", moduleOffset);
        }
    }

    private Objdump() {
    }

    /** The instructions of the named function (without its locals declaration), in order. */
    static List<Line> function(Path wasm, String name) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("wasm-objdump", "-d", wasm.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            String message = "WABT NOT INSTALLED: cannot run wasm-objdump (" + e.getMessage()
                    + "); install Debian's wabt (.ci/run does)";
            System.err.println("*** " + message);
            Assumptions.abort(message);
            throw e;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("wasm-objdump failed:\n" + out);
        }
        List<Line> lines = new ArrayList<>();
        boolean in = false;
        for (String line : out.split("\n")) {
            Matcher f = FUNCTION.matcher(line);
            if (f.matches()) {
                in = f.group(1).equals(name);
                continue;
            }
            Matcher m = INSTRUCTION.matcher(line);
            if (in && m.matches() && !m.group(2).startsWith("local[")) {
                lines.add(new Line(Integer.parseInt(m.group(1), 16), m.group(2).trim()));
            }
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("no function " + name + " in " + wasm);
        }
        return lines;
    }
}
