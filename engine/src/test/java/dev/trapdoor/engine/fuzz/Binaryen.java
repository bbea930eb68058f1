package dev.trapdoor.engine.fuzz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Random valid modules from Debian's binaryen: {@code wasm-opt -ttf} reads random bytes as the choices of a module
 * generator (with loop and recursion budgets reset by an exported {@code hangLimitInitializer}); {@code --denan}
 * rewrites every float result that could be a NaN to 0, since NaN payloads are where engines may legitimately
 * differ. The features are Wasm 2.0's; some seeds add SIMD (a logged v128 reaches V8 through a Wasm shim in
 * {@code v8-runner.js}, and exports taking or returning one are not called), tail calls and exception handling.
 */
final class Binaryen {
    private static final List<String> FEATURES = List.of("--mvp-features", "--enable-sign-ext",
            "--enable-nontrapping-float-to-int", "--enable-bulk-memory", "--enable-multivalue",
            "--enable-mutable-globals");

    /**
     * One seed in this many also enables reference types. binaryen 108 (Debian 12) mostly gets them wrong for a
     * 2.0 engine (typed {@code (ref func)} locals, funcref where externref is expected), so most of those modules are
     * invalid; both engines must then reject them, which tests the validator, and the few valid ones run.
     */
    static final int REFERENCE_TYPES_EVERY = 8;
    /** One seed in this many (a different residue) also enables SIMD. */
    static final int SIMD_EVERY = 4;
    /** One seed in this many (another residue) also enables tail calls and exception handling (3.0's legacy form). */
    static final int CONTROL_EVERY = 8;

    /** Features a long run adds ({@code -Dfuzz.features=simd,tail-call}: binaryen's names after --enable-). */
    private static final List<String> EXTRA = System.getProperty("fuzz.features", "").isBlank() ? List.of()
            : List.of(System.getProperty("fuzz.features").split(","));

    private Binaryen() {
    }

    /** The seed's random input: 1 to 16 KiB of bytes (bigger inputs give bigger modules). */
    static byte[] entropy(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] bytes = new byte[1024 + r.nextInt(15 * 1024)];
        r.nextBytes(bytes);
        return bytes;
    }

    /** Writes the module generated from the seed to {@code dir/SEED.wasm}. */
    static Path generate(long seed, Path dir) throws IOException, InterruptedException {
        Path input = dir.resolve(seed + ".bin");
        Path wasm = dir.resolve(seed + ".wasm");
        Files.write(input, entropy(seed));
        List<String> command = new ArrayList<>(List.of("wasm-opt", "-ttf", input.toString(), "--denan"));
        command.addAll(FEATURES);
        if (seed % REFERENCE_TYPES_EVERY == 0) {
            command.add("--enable-reference-types");
        }
        if (seed % SIMD_EVERY == 1) {
            command.add("--enable-simd");
        }
        if (seed % CONTROL_EVERY == 3) {
            command.addAll(List.of("--enable-tail-call", "--enable-exception-handling"));
        }
        for (String feature : EXTRA) {
            command.add("--enable-" + feature);
        }
        command.addAll(List.of("-o", wasm.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        // wasm-opt warns about NaNs it cannot rewrite outside functions (global initializers); only its status counts.
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("wasm-opt failed for seed " + seed + ":\n" + output);
        }
        Files.delete(input);
        return wasm;
    }

    /** Whether the tool runs here, for a loud skip when it does not. */
    static boolean available(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
