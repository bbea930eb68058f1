package dev.trapdoor.it;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The guest's descriptors 0–2 report what the host's are (fixtures/stdio_filetype.wat prints the three filetypes to
 * stderr: 2 character device, 4 regular file, 0 unknown), so a redirected stdout is not a tty.
 */
class RunStdioIT {
    private static final Path PROGRAM = Trapdoor.ROOT.resolve("integration-tests/fixtures/stdio_filetype.wasm");

    @TempDir
    Path dir;

    private String filetypes(ProcessBuilder.Redirect in, ProcessBuilder.Redirect out, String... options)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Trapdoor.LAUNCHER.toString(), "run"));
        cmd.addAll(List.of(options));
        cmd.add(PROGRAM.toString());
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(cmd).redirectInput(in).redirectOutput(out).redirectError(err.toFile())
                .start();
        if (out == ProcessBuilder.Redirect.PIPE) {
            p.getInputStream().readAllBytes();
        }
        if (in == ProcessBuilder.Redirect.PIPE) {
            p.getOutputStream().close();
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("trapdoor did not finish: " + cmd);
        }
        String text = Files.readString(err, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), text);
        return text.strip();
    }

    @Test
    void aRedirectedFileIsARegularFileAndAPipeIsNoTerminal() throws Exception {
        Path input = Files.writeString(dir.resolve("in.txt"), "x");
        // stdin a file, stdout a file, stderr a file
        assertEquals("0:4 1:4 2:4", filetypes(ProcessBuilder.Redirect.from(input.toFile()),
                ProcessBuilder.Redirect.to(dir.resolve("out.txt").toFile())));
        // stdin and stdout pipes
        assertEquals("0:0 1:0 2:4", filetypes(ProcessBuilder.Redirect.PIPE, ProcessBuilder.Redirect.PIPE));
        // /dev/null is a character device but not a terminal
        assertEquals("0:0 1:4 2:4", filetypes(ProcessBuilder.Redirect.from(new File("/dev/null")),
                ProcessBuilder.Redirect.to(dir.resolve("out.txt").toFile())));
    }

    @Test
    void stdioTypeOverridesWhatTheHostSays() throws Exception {
        assertEquals("0:2 1:4 2:2", filetypes(ProcessBuilder.Redirect.PIPE, ProcessBuilder.Redirect.PIPE,
                "--stdio-type", "tty", "--stdio-type", "stdout=file"));
        assertEquals("0:0 1:0 2:0", filetypes(ProcessBuilder.Redirect.PIPE,
                ProcessBuilder.Redirect.to(dir.resolve("out.txt").toFile()), "--stdio-type=pipe"));
    }

    @Test
    void aRealTerminalIsACharacterDevice() throws Exception {
        // script(1) gives the program a pseudo-terminal for its stdio.
        Process p;
        try {
            p = new ProcessBuilder("script", "-qec", Trapdoor.LAUNCHER + " run " + PROGRAM + " 2>&1", "/dev/null")
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            System.err.println("*** SCRIPT(1) NOT INSTALLED: the pseudo-terminal case of RunStdioIT is skipped");
            Assumptions.abort("no script(1)");
            return;
        }
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(true, p.waitFor(120, TimeUnit.SECONDS));
        assertEquals("0:2 1:2 2:2", out.strip(), out);
    }
}
