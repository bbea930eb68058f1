package dev.trapdoor.engine.debug.vars;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.dwarf.Value;
import dev.trapdoor.engine.exec.EngineConfig;
import dev.trapdoor.engine.exec.Store;
import dev.trapdoor.engine.exec.Tier;
import dev.trapdoor.engine.instr.Disassembler;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.wasi.WasiConfig;
import dev.trapdoor.engine.wasi.WasiExit;
import dev.trapdoor.engine.wasi.WasiImports;
import dev.trapdoor.engine.wasi.WasiPreview1;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SIMD example ({@code examples/simd.c}) built scalar, auto-vectorized ({@code -O3 -msimd128}) and with
 * {@code wasm_simd128.h}: every build prints the same in every tier, and a vector variable shows its lanes at a
 * breakpoint in the vectorized loop.
 */
class SimdExampleTest {
    private static final List<String> BUILDS = List.of("simd-scalar.wasm", "simd-auto.wasm", "simd-intrin.wasm");

    private static String run(String fixture, Tier tier) throws IOException {
        WasmModule module = Wasm.load(Files.readAllBytes(ExampleProgram.examples().resolve(fixture)));
        Store store = new Store(EngineConfig.DEFAULT.withTier(tier));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WasiPreview1 wasi = new WasiPreview1(WasiConfig.builder().arg(fixture).stdout(out)
                .stderr(new ByteArrayOutputStream()).build());
        try {
            store.instantiate(module, new WasiImports(store, wasi)).invoke("_start");
        } catch (WasiExit exit) {
            assertEquals(0, exit.exitCode(), fixture + " exit code");
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void everyBuildPrintsWhatTheScalarBuildPrintsInEveryTier() throws IOException {
        String scalar = run("simd-scalar.wasm", Tier.INTERPRETER);
        String[] histogram = scalar.lines().filter(l -> l.startsWith("histogram")).findFirst().orElseThrow()
                .split(" ");
        assertEquals(17, histogram.length, scalar);
        assertEquals(4096, Arrays.stream(histogram).skip(1).mapToInt(Integer::parseInt).sum(),
                "every byte counted once: " + scalar);
        for (String build : BUILDS) {
            for (Tier tier : Tier.values()) {
                assertEquals(scalar, run(build, tier), build + " in " + tier);
            }
        }
    }

    @Test
    void theSimdBuildsAreVectorizedAndTheScalarOneIsNot() throws IOException {
        for (String build : BUILDS) {
            WasmModule module = Wasm.load(Files.readAllBytes(ExampleProgram.examples().resolve(build)));
            int vector = 0;
            for (int f = module.importedFunctionCount(); f < module.functionCount(); f++) {
                for (String line : Disassembler.disassemble(module, f)) {
                    if (line.contains("x4.") || line.contains("x16.") || line.contains("v128.")) {
                        vector++;
                    }
                }
            }
            assertEquals(build.equals("simd-scalar.wasm"), vector == 0, build + ": " + vector + " SIMD instructions");
        }
    }

    @Test
    void aVectorVariableShowsItsLanesInTheVectorizedLoop() {
        // At -O3 the loop is unrolled four times; where it tests i (BP_DOT), acc is in a v128 local.
        ExampleProgram p = new ExampleProgram("simd-intrin.wasm");
        p.breakAt("BP_DOT");
        List<String> seen = new ArrayList<>();
        p.run(stop -> {
            if (seen.size() >= 2) {
                return;
            }
            Value acc = stop.value("acc");
            assertEquals(4, acc.childCount(), acc.toString());
            int done = 16 * (seen.size() + 1); // elements summed so far: four unrolled steps of four lanes
            for (int k = 0; k < 4; k++) {
                StringBuilder sum = new StringBuilder();
                for (int j = k; j < done; j += 4) {
                    sum.append(j == k ? "" : " + ").append("as[").append(j).append("] * bs[").append(j).append(']');
                }
                try {
                    assertEquals(stop.eval(sum.toString()).display(), acc.children().get(k).display(),
                            "lane " + k + " of acc after " + done + " elements");
                } catch (dev.trapdoor.engine.dwarf.EvaluationException e) {
                    throw new AssertionError(e);
                }
            }
            seen.add(acc.display());
        });
        assertEquals(2, seen.size(), "stopped twice in the loop: " + seen);
    }
}
