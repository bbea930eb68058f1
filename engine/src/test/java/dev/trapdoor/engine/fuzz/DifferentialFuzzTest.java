package dev.trapdoor.engine.fuzz;

import dev.trapdoor.engine.exec.EngineConfig;
import dev.trapdoor.engine.exec.Tier;
import dev.trapdoor.engine.exec.TranslationLevel;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Trapdoor against V8 on random modules from binaryen, call by call (see the package doc). CI runs seeds 1..1150
 * (over 1,000 of them valid modules); {@code fuzz/run.sh COUNT FIRST} runs any other range through this same test
 * ({@code -Dfuzz.count}, {@code -Dfuzz.first}). A mismatch keeps its module and both transcripts in
 * {@code target/fuzz-failures/}, and {@code fuzz/run.sh 1 SEED} reruns it alone. Skips loudly without
 * {@code wasm-opt} or {@code node}.
 *
 * <p>Every module runs in the interpreter and the compiled tier; {@code -Dfuzz.configs=chunk64,exact,tiered} adds
 * configurations for long runs (CI keeps to the two, for time): the compiled tier cut into 64-byte chunks, the
 * interpreter on the exact translation, the tiered mode.
 */
class DifferentialFuzzTest {
    private static final Path RUNNER = Path.of("../fuzz/v8-runner.js");
    private static final Path FAILURES = Path.of("target/fuzz-failures");
    /** How many modules are generated ahead of the comparison. */
    private static final int AHEAD = 4;

    @Test
    void trapdoorAgreesWithV8OnRandomModules() throws Exception {
        requireTools();
        long first = Long.getLong("fuzz.first", 1);
        long count = Long.getLong("fuzz.count", 1150);
        Path dir = Files.createTempDirectory("trapdoor-fuzz");
        ExecutorService generators = Executors.newFixedThreadPool(2);
        ExecutorService engine = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-trapdoor");
            t.setDaemon(true);
            return t;
        });
        Tally tally = new Tally();
        try (V8Side v8 = new V8Side(RUNNER)) {
            Deque<Future<Path>> pending = new ArrayDeque<>();
            long next = first;
            for (long seed = first; seed < first + count; seed++) {
                while (next < first + count && next < seed + AHEAD) {
                    long s = next++;
                    pending.add(generators.submit(() -> Binaryen.generate(s, dir)));
                }
                Path wasm = pending.remove().get();
                compare(seed, wasm, v8, engine, tally);
                Files.deleteIfExists(wasm);
                if (tally.modules % 5000 == 0) {
                    System.out.println("differential fuzz: up to seed " + seed + ": " + tally);
                }
            }
        } finally {
            generators.shutdownNow();
            engine.shutdownNow();
            try (var files = Files.list(dir)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
        System.out.println("differential fuzz: seeds " + first + ".." + (first + count - 1) + ": " + tally);
        assertTrue(tally.mismatches.isEmpty(), "mismatches with V8 (modules and transcripts in " + FAILURES
                + "):\n" + String.join("\n", tally.mismatches));
    }

    private static final EngineConfig COMPILED = EngineConfig.DEFAULT.withTier(Tier.COMPILED);

    /** The configurations after the interpreter's, each with the suffix of its transcript file. */
    private static Map<String, EngineConfig> configurations() {
        Map<String, EngineConfig> configs = new LinkedHashMap<>();
        configs.put(".compiled", COMPILED);
        for (String name : System.getProperty("fuzz.configs", "").split(",")) {
            switch (name.trim()) {
                case "" -> {
                }
                case "chunk64" -> configs.put(".chunk64", COMPILED.withChunkBudget(EngineConfig.MIN_CHUNK_BUDGET));
                case "exact" -> configs.put(".exact", EngineConfig.DEFAULT.withTranslation(TranslationLevel.EXACT));
                case "tiered" -> configs.put(".tiered", EngineConfig.DEFAULT.withTier(Tier.TIERED));
                default -> throw new IllegalArgumentException("fuzz.configs: unknown configuration " + name
                        + " (chunk64, exact, tiered)");
            }
        }
        return configs;
    }

    private static final Map<String, EngineConfig> CONFIGS = configurations();

    private static void compare(long seed, Path wasm, V8Side v8, ExecutorService engine, Tally tally)
            throws IOException, InterruptedException, ExecutionException {
        byte[] bytes = Files.readAllBytes(wasm);
        CallPlan plan;
        try {
            plan = CallPlan.of(dev.trapdoor.engine.Wasm.load(bytes));
        } catch (dev.trapdoor.engine.error.WasmException e) {
            plan = new CallPlan(List.of());
        }
        CallPlan p = plan;
        // Every configuration runs every module: each must agree with V8, so they agree with each other too.
        Future<List<String>> ours = engine.submit(() -> TrapdoorSide.run(bytes, p, EngineConfig.DEFAULT));
        Map<String, Future<List<String>>> others = new LinkedHashMap<>();
        CONFIGS.forEach((suffix, config) -> others.put(suffix, engine.submit(() -> TrapdoorSide.run(bytes, p, config))));
        List<String> theirs = v8.run(wasm, plan);
        check(seed, wasm, "", ours, theirs, tally);
        for (var e : others.entrySet()) {
            check(seed, wasm, e.getKey(), e.getValue(), theirs, tally);
        }
    }

    private static void check(long seed, Path wasm, String tier, Future<List<String>> ours, List<String> theirs,
                              Tally tally) throws IOException, InterruptedException, ExecutionException {
        List<String> mine;
        try {
            mine = ours.get(60, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            mine = List.of("timeout after 60 s", "end");
        }
        tally.count(seed, tier, mine, theirs);
        if (!mine.equals(theirs)) {
            Files.createDirectories(FAILURES);
            Files.copy(wasm, FAILURES.resolve(seed + ".wasm"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.write(FAILURES.resolve(seed + ".trapdoor" + tier + ".txt"), mine);
            Files.write(FAILURES.resolve(seed + ".v8.txt"), theirs);
            if (mine.contains("timeout after 60 s")) {
                throw new AssertionError("seed " + seed + ": Trapdoor did not finish in 60 s; giving up the run");
            }
        }
    }

    private static void requireTools() {
        for (String[] tool : new String[][]{{"wasm-opt", "--version"}, {"node", "--version"}}) {
            if (!Binaryen.available(tool)) {
                String message = "DIFFERENTIAL FUZZ SKIPPED: " + tool[0] + " is missing (Debian's binaryen and"
                        + " nodejs; .ci/run installs binaryen)";
                System.err.println("*** " + message);
                Assumptions.abort(message);
            }
        }
        if (!Files.isRegularFile(RUNNER)) {
            throw new IllegalStateException(RUNNER.toAbsolutePath() + " is missing");
        }
    }

    /** What a run covered, and the mismatches by seed with their first differing event. */
    private static final class Tally {
        int modules;
        int rejected;
        long calls;
        long traps;
        long logs;
        int crashes;
        final List<String> mismatches = new ArrayList<>();

        void count(long seed, String tier, List<String> mine, List<String> theirs) {
            if (tier.isEmpty()) {
                countModule(theirs);
            }
            crashes += mine.stream().anyMatch(l -> l.startsWith("crash ")) ? 1 : 0;
            if (!mine.equals(theirs)) {
                int i = 0;
                while (i < mine.size() && i < theirs.size() && mine.get(i).equals(theirs.get(i))) {
                    i++;
                }
                mismatches.add("seed " + seed + ", event " + i + ": trapdoor" + tier + " "
                        + (i < mine.size() ? mine.get(i) : "<none>") + " / v8 "
                        + (i < theirs.size() ? theirs.get(i) : "<none>")
                        + (i > 0 ? " (after " + mine.get(i - 1) + ")" : ""));
            }
        }

        private void countModule(List<String> theirs) {
            modules++;
            for (String line : theirs) {
                calls += line.startsWith("call ") ? 1 : 0;
                traps += line.startsWith("trap ") ? 1 : 0;
                logs += line.startsWith("log ") ? 1 : 0;
                rejected += line.equals("rejected") ? 1 : 0;
            }
        }

        @Override
        public String toString() {
            return modules + " modules (" + rejected + " rejected by V8), " + calls + " calls, " + traps + " traps, "
                    + logs + " log events; " + mismatches.size() + " mismatches, " + crashes + " crashes";
        }
    }
}
