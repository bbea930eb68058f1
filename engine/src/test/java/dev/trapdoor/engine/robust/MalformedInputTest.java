package dev.trapdoor.engine.robust;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.error.WasmException;
import dev.trapdoor.engine.exec.EngineConfig;
import dev.trapdoor.engine.exec.FunctionInstance;
import dev.trapdoor.engine.exec.Extern;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.exec.Store;
import dev.trapdoor.engine.exec.Values;
import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.ValType;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.spec.SpecLocator;
import dev.trapdoor.engine.spec.SpectestModule;
import dev.trapdoor.engine.spec.WastCommand;
import dev.trapdoor.engine.spec.WastReader;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Feeds truncated and corrupted modules through the whole pipeline (load, instantiate, call) and checks that only
 * {@link WasmException}s (traps included) come out: never an ArrayIndexOutOfBounds, NullPointer, NegativeArraySize,
 * OutOfMemory, StackOverflow or any other Java exception, whatever the bytes.
 *
 * <p>The inputs are the largest module of a few spec scripts, as converted by wast2json for the spec suite. Every
 * truncation is tried, plus a fixed-seed set of single-byte corruptions, so failures reproduce.
 *
 * <p>A corrupted module may legitimately run forever (a branch turned into a loop, or fan-out recursion under the
 * depth limit). So each case runs on a worker thread with a time limit. The engine cannot be interrupted, so a case
 * that overruns in instantiation or a call is abandoned: its daemon thread spins until the JVM exits. To keep such
 * threads from starving the rest of the build, after {@link #MAX_ABANDONED} of them the remaining cases of that input
 * are only loaded, not run. Decoding and validation must always finish: a hang there is a failure.
 */
class MalformedInputTest {
    private static final List<String> SCRIPTS = List.of("func", "memory", "elem", "call_indirect");
    private static final long SEED = 0x7EA9_D00BL;
    private static final int CORRUPTIONS_PER_INPUT = 400;
    /** Exports called per case; successive cases start at successive exports, so over the run all get called. */
    private static final int MAX_CALLS = 8;
    private static final long CASE_TIMEOUT_MS = 2_000;
    private static final int MAX_ABANDONED = 2;
    private static final int MAX_REPORTED = 15;
    /** Shallow limits, so runaway recursion exhausts quickly and cheaply. */
    private static final EngineConfig CONFIG = new EngineConfig(200, 1 << 16, false);
    /** Bytes that often turn a field into something interesting: zero, LEB continuation, sign bits, all ones. */
    private static final int[] INTERESTING = {0x00, 0x01, 0x7F, 0x80, 0xFF, 0x40, 0x0B, 0x03};

    @TestFactory
    Stream<DynamicTest> malformedInputsOnlyRaiseEngineErrors() throws IOException {
        SpecLocator locator;
        try {
            locator = SpecLocator.locate();
        } catch (SpecLocator.MissingPrerequisiteException e) {
            String message = "ROBUSTNESS TEST NOT RUN (it uses the spec suite's modules): " + e.getMessage();
            System.err.println("*** " + message);
            return Stream.of(dynamicTest("robustness prerequisites", () -> Assumptions.abort(message)));
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (String script : SCRIPTS) {
            Map.Entry<Integer, byte[]> input = largestModule(locator, script);
            String name = script + ".wast:" + input.getKey();
            tests.add(dynamicTest(name, () -> exerciseAll(name, input.getValue())));
        }
        return tests.stream();
    }

    /** The largest module a script defines, by its line: the modules are compiled from the script's text. */
    private static Map.Entry<Integer, byte[]> largestModule(SpecLocator locator, String script) throws IOException {
        Map.Entry<Integer, byte[]> largest = null;
        for (WastCommand c : WastReader.read(locator.wast(script), script + ".wast")) {
            if (c.type().equals("module")) {
                byte[] bytes = c.module().bytes();
                if (largest == null || bytes.length > largest.getValue().length) {
                    largest = Map.entry(c.line(), bytes);
                }
            }
        }
        if (largest == null) {
            throw new IOException(script + ".wast defines no module");
        }
        return largest;
    }

    private void exerciseAll(String name, byte[] original) throws Exception {
        Stats stats = new Stats();
        List<String> violations = new ArrayList<>();
        Runner runner = new Runner();
        try {
            // The unmodified module must get through, or the cases below would test nothing.
            String baseline = runner.run(original, stats, true);
            if (baseline != null || stats.instantiated.get() == 0) {
                fail("the unmodified " + name + " must load and instantiate: "
                        + (baseline != null ? baseline : "it did not"));
            }
            for (Map.Entry<String, byte[]> c : cases(name, original)) {
                String violation = runner.run(c.getValue(), stats, runner.abandoned < MAX_ABANDONED);
                if (violation != null) {
                    violations.add(c.getKey() + ": " + violation);
                }
            }
        } finally {
            runner.close();
        }
        System.out.printf("Robustness %s: %d cases, %d loaded, %d instantiated, %d calls, %d abandoned%n", name,
                stats.cases.get(), stats.loaded.get(), stats.instantiated.get(), stats.calls.get(), runner.abandoned);
        if (!violations.isEmpty()) {
            fail(violations.size() + " of " + stats.cases + " malformed variants of " + name
                    + " raised something other than a WasmException:\n  "
                    + String.join("\n  ", violations.subList(0, Math.min(MAX_REPORTED, violations.size())))
                    + (violations.size() > MAX_REPORTED ? "\n  ..." : ""));
        }
    }

    /** Every truncation, then seeded single-byte corruptions; keyed by a description that reproduces the case. */
    private static List<Map.Entry<String, byte[]>> cases(String name, byte[] original) {
        List<Map.Entry<String, byte[]>> cases = new ArrayList<>();
        for (int length = 0; length < original.length; length++) {
            cases.add(Map.entry("truncated to " + length + " bytes", Arrays.copyOf(original, length)));
        }
        Random random = new Random(SEED ^ name.hashCode());
        for (int i = 0; i < CORRUPTIONS_PER_INPUT; i++) {
            int at = random.nextInt(original.length);
            int old = original[at] & 0xFF;
            int value = random.nextInt(3) == 0 ? INTERESTING[random.nextInt(INTERESTING.length)] : random.nextInt(256);
            if (value == old) {
                value = (old + 1) & 0xFF;
            }
            byte[] bytes = original.clone();
            bytes[at] = (byte) value;
            cases.add(Map.entry(String.format("byte 0x%x changed 0x%02x -> 0x%02x", at, old, value), bytes));
        }
        return cases;
    }

    /** Atomic because an abandoned worker may still count while the test thread reads. */
    private static final class Stats {
        final AtomicInteger cases = new AtomicInteger();
        final AtomicInteger loaded = new AtomicInteger();
        final AtomicInteger instantiated = new AtomicInteger();
        final AtomicInteger calls = new AtomicInteger();
    }

    /** Runs cases on a daemon worker thread, replacing the thread when a case overruns and is abandoned. */
    private static final class Runner {
        private ExecutorService worker = newWorker();
        int abandoned;

        private static ExecutorService newWorker() {
            return Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "malformed-input case");
                t.setDaemon(true);
                return t;
            });
        }

        /** A description of the violation, or {@code null} when only engine errors came out. */
        String run(byte[] bytes, Stats stats, boolean execute) throws InterruptedException {
            int caseIndex = stats.cases.getAndIncrement();
            AtomicReference<String> phase = new AtomicReference<>("load");
            Future<String> done = worker.submit(() -> exercise(bytes, caseIndex, stats, execute, phase));
            try {
                return done.get(CASE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                return describe(e.getCause());
            } catch (TimeoutException e) {
                String where = phase.get();
                done.cancel(true);
                worker.shutdownNow();
                worker = newWorker();
                if (where.equals("load")) {
                    return "Wasm.load did not finish within " + CASE_TIMEOUT_MS + " ms";
                }
                abandoned++;
                return null;
            }
        }

        void close() {
            worker.shutdownNow();
        }
    }

    /** Loads, instantiates and calls a few exports; returns a violation or {@code null}. */
    private static String exercise(byte[] bytes, int caseIndex, Stats stats, boolean execute,
                                   AtomicReference<String> phase) {
        WasmModule module;
        try {
            module = Wasm.load(bytes);
        } catch (Throwable t) {
            return verdict("Wasm.load", t);
        }
        stats.loaded.incrementAndGet();
        if (!execute) {
            return null;
        }
        phase.set("instantiate");
        Instance instance;
        try {
            Store store = new Store(CONFIG);
            instance = store.instantiate(module, new SpectestModule(store));
        } catch (Throwable t) {
            return verdict("instantiate", t);
        }
        stats.instantiated.incrementAndGet();
        List<Map.Entry<String, Extern>> exports = new ArrayList<>(instance.exports().entrySet());
        for (int i = 0; i < Math.min(MAX_CALLS, exports.size()); i++) {
            Map.Entry<String, Extern> e = exports.get((caseIndex * MAX_CALLS + i) % exports.size());
            if (!(e.getValue() instanceof FunctionInstance f) || usesV128(f.type())) {
                continue;
            }
            stats.calls.incrementAndGet();
            phase.set("call " + e.getKey());
            try {
                f.call(zeroArgs(f.type()));
            } catch (Throwable t) {
                String v = verdict("calling " + e.getKey(), t);
                if (v != null) {
                    return v;
                }
            }
        }
        return null;
    }

    private static String verdict(String stage, Throwable t) {
        return t instanceof WasmException ? null : stage + " threw " + describe(t);
    }

    private static String describe(Throwable t) {
        StringBuilder sb = new StringBuilder(t.toString());
        StackTraceElement[] frames = t.getStackTrace();
        for (int i = 0; i < Math.min(3, frames.length); i++) {
            sb.append(i == 0 ? " at " : " < ").append(frames[i]);
        }
        return sb.toString();
    }

    private static boolean usesV128(FuncType type) {
        for (ValType v : type.params()) {
            if (v == ValType.V128) {
                return true;
            }
        }
        for (ValType v : type.results()) {
            if (v == ValType.V128) {
                return true;
            }
        }
        return false;
    }

    private static long[] zeroArgs(FuncType type) {
        long[] args = new long[type.paramCount()];
        for (int i = 0; i < args.length; i++) {
            args[i] = type.param(i).isRef() ? Values.NULL_REF : 0;
        }
        return args;
    }
}
