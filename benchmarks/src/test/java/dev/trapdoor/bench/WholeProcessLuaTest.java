package dev.trapdoor.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.exec.EngineConfig;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.exec.Store;
import dev.trapdoor.engine.exec.Tier;
import dev.trapdoor.engine.wasi.WasiConfig;
import dev.trapdoor.engine.wasi.WasiExit;
import dev.trapdoor.engine.wasi.WasiImports;
import dev.trapdoor.engine.wasi.WasiPreview1;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The whole-process benchmark's Lua interpreter (built by {@code benchmarks/whole/build.sh}, never committed) runs
 * {@code whole/scripts/tiny.lua} on Trapdoor exactly as node/V8 runs it: same stdout, exit code 0. The script walks
 * every path of our WASI glue (Lua errors through Wasm exceptions, coroutines, the missing os/io functions).
 * Without the built {@code .wasm} (CI has none: building it needs the network) or without node, it skips loudly.
 */
class WholeProcessLuaTest {
    private static final Path LUA = Path.of("target/whole/lua.wasm");
    private static final Path SCRIPTS = Path.of("whole/scripts");
    private static final String SCRIPT = "tiny.lua";
    private static String nodeOutput;

    @BeforeAll
    static void runOnNode() throws IOException, InterruptedException {
        if (!Files.isRegularFile(LUA)) {
            System.err.println("*** WholeProcessLuaTest skipped: no " + LUA.toAbsolutePath()
                    + " (build it with benchmarks/whole/build.sh)");
            Assumptions.abort("no " + LUA);
        }
        Process node;
        try {
            node = new ProcessBuilder("node", "--experimental-wasi-unstable-preview1", "--no-warnings",
                    Path.of("whole/node-run.mjs").toAbsolutePath().toString(), LUA.toAbsolutePath().toString(), SCRIPT)
                    .directory(SCRIPTS.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException noNode) {
            System.err.println("*** WholeProcessLuaTest skipped: node is not on PATH (" + noNode.getMessage() + ")");
            Assumptions.abort("no node");
            return;
        }
        node.getOutputStream().close();
        byte[] out = node.getInputStream().readAllBytes();
        if (!node.waitFor(60, TimeUnit.SECONDS)) {
            node.destroyForcibly();
            throw new AssertionError("node did not finish " + SCRIPT + " in 60 s");
        }
        assertEquals(0, node.exitValue(), "node's exit code");
        nodeOutput = new String(out, StandardCharsets.UTF_8);
    }

    /** Tiered included: its on-stack replacement once resumed luaV_execute's caller at a wrong pc. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Tier.class, names = {"INTERPRETER", "COMPILED", "TIERED"})
    void sameOutputAsNode(Tier tier) throws IOException {
        assertEquals(nodeOutput, runOnTrapdoor(tier));
    }

    private static String runOnTrapdoor(Tier tier) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WasiPreview1 wasi = new WasiPreview1(WasiConfig.builder().stdout(out).stderr(System.err)
                .arg("lua.wasm").arg(SCRIPT).env("HOME", "/").preopen(SCRIPTS, ".").build());
        Store store = new Store(EngineConfig.DEFAULT.withTier(tier));
        int code = 0;
        try {
            Instance instance = store.instantiate(Wasm.load(Files.readAllBytes(LUA)), new WasiImports(store, wasi));
            instance.function("_start").call();
        } catch (WasiExit exit) {
            code = exit.exitCode();
        } finally {
            wasi.flush();
        }
        assertEquals(0, code, "Lua's exit code in " + tier);
        return out.toString(StandardCharsets.UTF_8);
    }
}
