package dev.trapdoor.dap.cli;

import dev.trapdoor.engine.exec.Tier;
import dev.trapdoor.engine.exec.TranslationLevel;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunCommandTest {
    private static RunRequest parse(Map<String, String> env, String... args) {
        PrintStream sink = new PrintStream(PrintStream.nullOutputStream());
        String[] all = new String[args.length + 1];
        all[0] = "run";
        System.arraycopy(args, 0, all, 1, args.length);
        CommandLine cl = Main.commandLine(new Console(new ByteArrayInputStream(new byte[0]), sink, sink), all);
        cl.parseArgs(all);
        RunCommand run = cl.getSubcommands().get("run").getCommand();
        return run.request(env);
    }

    private static RunRequest parse(String... args) {
        return parse(Map.of(), args);
    }

    @Test
    void everythingAfterTheProgramGoesToTheGuest() {
        RunRequest r = parse("--dir", "/tmp", "prog.wasm", "--dir", "-x", "--help");
        assertEquals("prog.wasm", r.program());
        assertEquals(List.of("--dir", "-x", "--help"), r.args());
        assertEquals(1, r.dirs().size());
        assertNull(r.invoke());
    }

    @Test
    void dirMappingsAndEnv() {
        RunRequest r = parse(Map.of("HOME", "/home/me"), "--dir", "data::/in", "--dir", "out", "--env", "A=1=2",
                "--env", "HOME", "--env", "EMPTY=", "p.wasm");
        assertEquals(new DirMapping(Path.of("data"), "/in"), r.dirs().get(0));
        assertEquals(new DirMapping(Path.of("out"), "out"), r.dirs().get(1));
        assertEquals(List.of(new EnvSetting("A", "1=2"), new EnvSetting("HOME", "/home/me"),
                new EnvSetting("EMPTY", "")), r.env());
    }

    @Test
    void tierDefaultsToTieredAndReadsAnyCase() {
        assertEquals(Tier.TIERED, parse("p.wasm").tier());
        assertEquals(Tier.COMPILED, parse("--tier", "Compiled", "p.wasm").tier());
        assertEquals(Tier.INTERPRETER, parse("--tier", "interpreter", "p.wasm").tier());
        CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class,
                () -> parse("--tier", "fast", "p.wasm"));
        assertTrue(e.getMessage().contains("unknown tier \"fast\""), e.getMessage());
    }

    @Test
    void translationDefaultsToOptimizedAndReadsAnyCase() {
        assertEquals(TranslationLevel.OPTIMIZED, parse("p.wasm").translation());
        assertEquals(TranslationLevel.EXACT, parse("--translation", "Exact", "p.wasm").translation());
        CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class,
                () -> parse("--translation", "fast", "p.wasm"));
        assertTrue(e.getMessage().contains("unknown translation level \"fast\""), e.getMessage());
    }

    @Test
    void bareEnvNameMustBeSetOnTheHost() {
        CliException e = assertThrows(CliException.class, () -> parse("--env", "NOT_SET_ANYWHERE", "p.wasm"));
        assertEquals(ExitCodes.USAGE, e.exitCode());
    }

    @Test
    void invokeArgumentsAfterTheProgram() {
        RunRequest r = parse("--invoke", "fib", "fib.wasm", "10", "-3");
        assertEquals("fib", r.invoke());
        assertEquals("fib.wasm", r.program());
        assertEquals(List.of("10", "-3"), r.args());
    }

    @Test
    void invokeArgumentsBeforeTheProgram() {
        RunRequest r = parse("--invoke", "add", "1", "-2.5", "m.wasm", "3");
        assertEquals("m.wasm", r.program());
        assertEquals(List.of("1", "-2.5", "3"), r.args());
    }
}
