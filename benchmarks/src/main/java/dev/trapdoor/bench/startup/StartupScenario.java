package dev.trapdoor.bench.startup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Start-up times from the process start, as a Markdown table of medians over N runs:
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.trapdoor.bench.startup.StartupScenario \
 *     dap-server/target/trapdoor.jar examples [runs]</pre>
 *
 * Each row runs twice: with {@code -XX:SharedArchiveFile=trapdoor.jsa} (the archive {@code mvn package} builds next to
 * the jar) mapped at its own address, as {@code bin/trapdoor} starts it, and with {@code -Xshare:auto} alone (the JDK's
 * own archive only). The DAP rows start {@code java -jar}, as the VS Code extension does; the run row names the main
 * class on the class path, as {@code bin/trapdoor} does.
 */
public final class StartupScenario {
    private StartupScenario() {
    }

    static final String MAIN_CLASS = "dev.trapdoor.dap.cli.Main";

    /**
     * What {@code bin/trapdoor} adds for {@code run}: C2 waits for ten times its usual counts, chunks of at most 4,000
     * bytes, and the module loader's code and the interpreter loop left to C1.
     */
    static final List<String> RUN_JVM_OPTIONS = List.of("-XX:Tier4InvocationThreshold=50000",
            "-XX:Tier4MinInvocationThreshold=6000", "-XX:Tier4CompileThreshold=150000",
            "-XX:Tier4BackEdgeThreshold=400000", "-Dtrapdoor.jit.chunkBudget=4000", "-XX:CompileCommand=quiet",
            "-XX:CompileCommand=MaxNodeLimit,dev.trapdoor.engine.binary.*::*,1",
            "-XX:CompileCommand=MaxNodeLimit,dev.trapdoor.engine.validate.*::*,1",
            "-XX:CompileCommand=MaxNodeLimit,dev.trapdoor.engine.compile.*::*,1",
            "-XX:CompileCommand=MaxNodeLimit,dev.trapdoor.engine.exec.Translator::*,1",
            "-XX:CompileCommand=MaxNodeLimit,org.objectweb.asm.*::*,1",
            "-XX:CompileCommand=MaxNodeLimit,dev.trapdoor.engine.exec.Interpreter::run,1");

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: StartupScenario TRAPDOOR_JAR EXAMPLES_DIR [RUNS]");
            System.exit(2);
        }
        Path jar = Path.of(args[0]).toAbsolutePath();
        Path examples = Path.of(args[1]).toAbsolutePath();
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Path jsa = jar.resolveSibling("trapdoor.jsa");
        List<String[]> modes = new ArrayList<>();
        if (Files.exists(jsa)) {
            modes.add(new String[] {"AppCDS (trapdoor.jsa)", "-XX:SharedArchiveFile=" + jsa,
                    "-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0"});
        }
        modes.add(new String[] {"no app archive", "-Xshare:auto"});
        System.out.println("| start-up, ms from process start (median of " + runs + ") | "
                + String.join(" | ", modes.stream().map(m -> m[0]).toList()) + " | goal |");
        System.out.println("|---|" + "---:|".repeat(modes.size()) + "---:|");
        long[][] dap = new long[modes.size()][];
        long[][] run = new long[modes.size()][];
        for (int m = 0; m < modes.size(); m++) {
            long[] init = new long[runs];
            long[] stop = new long[runs];
            long[] hello = new long[runs];
            for (int i = 0; i < runs; i++) {
                long[] t = dapSession(jar, jvmOptions(modes.get(m)), examples);
                init[i] = t[0];
                stop[i] = t[1];
                List<String> runJvm = new ArrayList<>(jvmOptions(modes.get(m)));
                runJvm.addAll(RUN_JVM_OPTIONS);
                hello[i] = runHello(jar, runJvm, examples);
            }
            dap[m] = new long[] {median(init), median(stop)};
            run[m] = new long[] {median(hello)};
        }
        row("`initialize` response", modes.size(), m -> dap[m][0], "300");
        row("first breakpoint (launch debugme.wasm, stop at debugme.c:23)", modes.size(), m -> dap[m][1], "1000");
        row("`trapdoor run` hello-world, to exit", modes.size(), m -> run[m][0], "250");
        System.out.printf(Locale.ROOT, "%nload average while measuring: %s%n",
                Files.readString(Path.of("/proc/loadavg")).trim());
    }

    /** A mode's JVM options: everything after its label. */
    private static List<String> jvmOptions(String[] mode) {
        return Arrays.asList(mode).subList(1, mode.length);
    }

    /** {@code java -jar}, as the VS Code extension starts the debug adapter. */
    private static List<String> command(List<String> jvm, Path jar, String... args) {
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(jvm);
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(List.of(args));
        return command;
    }

    /** The main class named on the class path, as {@code bin/trapdoor} starts it (the jar is never opened then). */
    private static List<String> mainClassCommand(List<String> jvm, Path jar, String... args) {
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(jvm);
        command.addAll(List.of("-cp", jar.toString(), MAIN_CLASS));
        command.addAll(List.of(args));
        return command;
    }

    private interface Column {
        long value(int mode);
    }

    private static void row(String name, int modes, Column c, String goal) {
        StringBuilder sb = new StringBuilder("| ").append(name).append(" |");
        for (int m = 0; m < modes; m++) {
            sb.append(' ').append(c.value(m)).append(" |");
        }
        System.out.println(sb.append(' ').append(goal).append(" |"));
    }

    private static long median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static long millisSince(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    /** [initialize response, first stopped event] in ms from the process start. */
    private static long[] dapSession(Path jar, List<String> jvm, Path examples) throws Exception {
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command(jvm, jar, "dap"))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (OutputStream out = p.getOutputStream(); InputStream in = p.getInputStream()) {
            send(out, 1, "initialize", "{\"adapterID\":\"trapdoor\",\"linesStartAt1\":true,\"columnsStartAt1\":true}");
            await(in, "\"command\":\"initialize\"");
            long initialize = millisSince(start);
            send(out, 2, "launch", "{\"program\":\"" + examples.resolve("debugme.wasm") + "\"}");
            send(out, 3, "setBreakpoints", "{\"source\":{\"path\":\"" + examples.resolve("debugme.c")
                    + "\"},\"breakpoints\":[{\"line\":23}]}");
            send(out, 4, "configurationDone", "{}");
            await(in, "\"event\":\"stopped\"");
            long stopped = millisSince(start);
            send(out, 5, "disconnect", "{\"terminateDebuggee\":true}");
            await(in, "\"command\":\"disconnect\"");
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the adapter did not exit after disconnect");
            }
            return new long[] {initialize, stopped};
        } finally {
            p.destroyForcibly();
        }
    }

    private static long runHello(Path jar, List<String> jvm, Path examples) throws Exception {
        Path dir = Files.createTempDirectory("startup-hello");
        try {
            long start = System.nanoTime();
            Process p = new ProcessBuilder(mainClassCommand(jvm, jar, "run", "--dir", dir + "::/out",
                    examples.resolve("hello.wasm").toString())).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("trapdoor run hello.wasm failed");
            }
            return millisSince(start);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }

    private static void send(OutputStream out, int seq, String command, String arguments) throws IOException {
        byte[] body = ("{\"seq\":" + seq + ",\"type\":\"request\",\"command\":\"" + command + "\",\"arguments\":"
                + arguments + "}").getBytes(StandardCharsets.UTF_8);
        out.write(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    /** Reads messages until one contains {@code marker}. */
    private static void await(InputStream in, String marker) throws IOException {
        for (;;) {
            ByteArrayOutputStream header = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                header.write(b);
                String h = header.toString(StandardCharsets.US_ASCII);
                if (h.endsWith("\r\n\r\n")) {
                    break;
                }
            }
            if (b < 0) {
                throw new IOException("the adapter closed its output before " + marker);
            }
            String h = header.toString(StandardCharsets.US_ASCII);
            int length = Integer.parseInt(h.replaceAll("(?s).*Content-Length: *(\\d+).*", "$1"));
            String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
            if (body.contains(marker)) {
                return;
            }
        }
    }
}
