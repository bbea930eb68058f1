package dev.trapdoor.engine.fuzz;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * V8's half: one {@code node fuzz/v8-runner.js} process for a whole batch, fed one plan a line, answering with the
 * module's transcript up to its {@code end} line.
 */
final class V8Side implements AutoCloseable {
    private final Process node;
    private final Writer in;
    private final BufferedReader out;

    V8Side(Path runnerScript) throws IOException {
        node = new ProcessBuilder("node", runnerScript.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        in = new OutputStreamWriter(node.getOutputStream(), StandardCharsets.UTF_8);
        out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
    }

    List<String> run(Path wasm, CallPlan plan) throws IOException {
        in.write(plan.line(wasm));
        in.write('\n');
        in.flush();
        List<String> lines = new ArrayList<>();
        for (String line = out.readLine(); ; line = out.readLine()) {
            if (line == null) {
                throw new IOException("node exited in the middle of " + wasm + " (status "
                        + (node.isAlive() ? "running" : node.exitValue()) + ")");
            }
            lines.add(line);
            if (line.equals("end")) {
                return lines;
            }
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
        try {
            if (!node.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                node.destroyForcibly();
            }
        } catch (InterruptedException e) {
            node.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
