package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.debug.DebugEvent;
import dev.trapdoor.engine.debug.Resume;
import dev.trapdoor.engine.error.MalformedModuleException;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.testing.Wabt;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Instances of one module loaded through {@link SharedModules} share the decoded module and its plain translations,
 * and nothing one instance's debugger does reaches another.
 */
class SharedModulesTest {
    /** The constant makes each test's module its own, so tests do not see each other's cache entries. */
    private static byte[] module(int salt) {
        return Wabt.wat("""
                (module
                  (func $leaf (result i32) (i32.const %d))
                  (func (export "sum") (param $n i32) (result i64)
                    (local $i i32) (local $acc i64)
                    (loop $l
                      (local.set $acc (i64.add (local.get $acc) (i64.extend_i32_u (local.get $i))))
                      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
                    (i64.add (local.get $acc) (i64.extend_i32_u (call $leaf))))
                  (func $unused (result i32) (i32.const 0)))""".formatted(salt));
    }

    private static Instance interpreted(WasmModule module) {
        return new Store(EngineConfig.DEFAULT.withTier(Tier.INTERPRETER)).instantiate(module, ImportResolver.NONE);
    }

    @Test
    void equalBytesGiveTheSameModuleAndOtherBytesAnother() {
        byte[] bytes = module(1);
        WasmModule first = SharedModules.load(bytes);
        assertSame(first, SharedModules.load(bytes.clone()));
        assertTrue(SharedModules.isShared(first));
        WasmModule other = SharedModules.load(module(2));
        assertNotSame(first, other);
        assertFalse(SharedModules.isShared(Wasm.load(bytes)), "Wasm.load keeps its modules to itself");
    }

    @Test
    void malformedBytesFailEveryTimeAndAreNotKept() {
        byte[] bytes = {0, 'a', 's', 'm', 1, 0, 0, 0, 1, 9, 1}; // a type section cut short
        assertThrows(MalformedModuleException.class, () -> SharedModules.load(bytes));
        assertThrows(MalformedModuleException.class, () -> SharedModules.load(bytes));
    }

    @Test
    void sessionsLaunchingAtOnceDecodeOnce() throws Exception {
        byte[] bytes = module(4);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<WasmModule>> loads = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                loads.add(pool.submit((Callable<WasmModule>) () -> SharedModules.load(bytes.clone())));
            }
            WasmModule first = loads.get(0).get();
            for (Future<WasmModule> f : loads) {
                assertSame(first, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void eachInstanceGetsItsOwnCopyOfTheSharedTranslation() {
        WasmModule module = SharedModules.load(module(5));
        Instance a = interpreted(module);
        Instance b = interpreted(module);
        int sum = a.function("sum").funcIndex;
        CompiledFunction ca = SharedModules.translate(a.context(), sum, TranslationLevel.OPTIMIZED);
        CompiledFunction cb = SharedModules.translate(b.context(), sum, TranslationLevel.OPTIMIZED);
        CompiledFunction own = Translator.translate(a.context(), sum, TranslationLevel.OPTIMIZED);
        assertEquals(CompiledFunction.shareCode, ca.code == cb.code, "copies run the template's code until patched");
        assertArrayEquals(own.code, ca.code);
        assertArrayEquals(own.code, cb.code);
        assertArrayEquals(own.instructionStarts(), cb.instructionStarts());

        int pc = ca.instructionStarts()[1];
        ca.setBreakpoint(pc);
        assertEquals(Op.BREAK, ca.code[pc]);
        assertEquals(own.code[pc], cb.code[pc], "a breakpoint in one instance's copy patched another's");
        assertEquals(own.code[pc], SharedModules.translate(b.context(), sum, TranslationLevel.OPTIMIZED).code[pc]);
    }

    @Test
    void exactTranslationsAreSharedTemplatesTooWithCodeOfEachInstancesOwn() {
        WasmModule module = SharedModules.load(module(6));
        Instance a = interpreted(module);
        Instance b = interpreted(module);
        int sum = a.function("sum").funcIndex;
        CompiledFunction x = SharedModules.translate(a.context(), sum, TranslationLevel.EXACT);
        CompiledFunction y = SharedModules.translate(b.context(), sum, TranslationLevel.EXACT);
        assertEquals(TranslationLevel.EXACT, x.level);
        assertEquals(CompiledFunction.shareCode, x.code == y.code, "copies run the template's code until patched");
        assertArrayEquals(Translator.translate(a.context(), sum, TranslationLevel.EXACT).code, x.code);
        assertArrayEquals(x.code, y.code);
        assertEquals(TranslationLevel.OPTIMIZED, SharedModules.translate(a.context(), sum,
                TranslationLevel.OPTIMIZED).level, "the levels' templates are apart");
    }

    /** The debugger's switch to exact code (every session's first step) copies the shared exact template. */
    @Test
    void aBreakpointInOneInstancesExactCodeStopsOnlyThatInstance() {
        WasmModule module = SharedModules.load(module(8));
        Instance debugged = interpreted(module);
        Instance plain = interpreted(module);
        int sum = debugged.function("sum").funcIndex;
        plain.store().debugger().translateExactly(plain, sum);
        assertEquals(4950L + 8, plain.invoke("sum", 100)[0]);
        debugged.store().debugger().translateExactly(debugged, sum);

        Debugger debugger = debugged.store().debugger();
        List<DebugEvent> events = recordEvents(debugged);
        debugger.addFunctionBreakpoint(debugged, sum);
        assertEquals(4950L + 8, debugged.invoke("sum", 100)[0]);
        assertEquals(1, events.size(), events.toString());
        assertEquals(TranslationLevel.EXACT, Interpreter.compiled(debugged.function("sum")).level);

        List<DebugEvent> plainEvents = recordEvents(plain);
        assertEquals(4950L + 8, plain.invoke("sum", 100)[0]);
        assertEquals(TranslationLevel.EXACT, Interpreter.compiled(plain.function("sum")).level);
        assertEquals(List.of(), plainEvents, "the other instance's exact code carries the first one's breakpoint");
    }

    @Test
    void aBreakpointInOneInstanceStopsOnlyThatInstance() {
        WasmModule module = SharedModules.load(module(7));
        Instance debugged = interpreted(module);
        Instance plain = interpreted(module);
        assertEquals(4950L + 7, plain.invoke("sum", 100)[0]); // translated first, by the instance without a debugger

        Debugger debugger = debugged.store().debugger();
        List<DebugEvent> events = recordEvents(debugged);
        debugger.addFunctionBreakpoint(debugged, debugged.function("sum").funcIndex - 1);
        assertEquals(4950L + 7, debugged.invoke("sum", 100)[0]);
        assertEquals(1, events.size(), events.toString());

        assertEquals(4950L + 7, plain.invoke("sum", 100)[0]);
        assertEquals(1, events.size(), "the other instance stopped at the breakpoint: " + events);
        List<DebugEvent> plainEvents = recordEvents(plain);
        assertEquals(4950L + 7, plain.invoke("sum", 100)[0]);
        assertEquals(List.of(), plainEvents, "the other instance's code carries the first one's breakpoint");
    }

    @Test
    void translatingAheadMakesEveryTemplateOnceAsTheInstancesWouldHave() throws Exception {
        WasmModule module = SharedModules.load(module(9));
        Instance a = interpreted(module);
        int first = module.importedFunctionCount();
        CompletableFuture<Void> ahead = SharedModules.translateAhead(module, TranslationLevel.OPTIMIZED);
        assertNotNull(ahead);
        assertNull(SharedModules.translateAhead(module, TranslationLevel.OPTIMIZED), "once per module and level");
        ahead.get(60, TimeUnit.SECONDS);
        for (int f = first; f < module.functionCount(); f++) {
            assertTrue(SharedModules.hasTemplate(module, f, TranslationLevel.OPTIMIZED), "function " + f);
            assertFalse(SharedModules.hasTemplate(module, f, TranslationLevel.EXACT), "only the level asked for");
            assertArrayEquals(Translator.translate(a.context(), f, TranslationLevel.OPTIMIZED).code,
                    SharedModules.translate(a.context(), f, TranslationLevel.OPTIMIZED).code);
        }
        assertEquals(4950L + 9, a.invoke("sum", 100)[0]);
        assertNull(SharedModules.translateAhead(Wasm.load(module(9)), TranslationLevel.OPTIMIZED),
                "a module of its own has no templates to make");
    }

    @Test
    void instancesTranslatingWhileTheBackgroundThreadDoesGetTheSameCode() throws Exception {
        WasmModule module = SharedModules.load(module(10));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<List<int[]>>> runs = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                runs.add(pool.submit(() -> {
                    Instance in = interpreted(module);
                    List<int[]> codes = new ArrayList<>();
                    for (int f = module.functionCount() - 1; f >= module.importedFunctionCount(); f--) {
                        codes.add(SharedModules.translate(in.context(), f, TranslationLevel.EXACT).code);
                    }
                    return codes;
                }));
            }
            CompletableFuture<Void> ahead = SharedModules.translateAhead(module, TranslationLevel.EXACT);
            Instance own = interpreted(module);
            List<int[]> expected = new ArrayList<>();
            for (int f = module.functionCount() - 1; f >= module.importedFunctionCount(); f--) {
                expected.add(Translator.translate(own.context(), f, TranslationLevel.EXACT).code);
            }
            for (Future<List<int[]>> run : runs) {
                List<int[]> codes = run.get();
                for (int i = 0; i < expected.size(); i++) {
                    assertArrayEquals(expected.get(i), codes.get(i));
                }
            }
            ahead.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
    }

    /** A program stopped by its debugger asks for the rest of its module, at its store's level. */
    @Test
    void aDebuggerStopStartsTheTranslationAhead() throws Exception {
        WasmModule module = SharedModules.load(module(11));
        Instance debugged = interpreted(module);
        assertNull(SharedModules.aheadOf(module, TranslationLevel.OPTIMIZED));
        assertFalse(SharedModules.hasTemplate(module, module.functionCount() - 1, TranslationLevel.OPTIMIZED));
        List<DebugEvent> events = recordEvents(debugged);
        debugged.store().debugger().addFunctionBreakpoint(debugged, debugged.function("sum").funcIndex);
        assertEquals(4950L + 11, debugged.invoke("sum", 100)[0]);
        assertFalse(events.isEmpty(), "the breakpoint stopped the program");
        CompletableFuture<Void> ahead = SharedModules.aheadOf(module, TranslationLevel.OPTIMIZED);
        assertNotNull(ahead, "the stop asked for the translation ahead");
        ahead.get(60, TimeUnit.SECONDS);
        assertTrue(SharedModules.hasTemplate(module, module.functionCount() - 1, TranslationLevel.OPTIMIZED),
                "$unused, which never runs, has its template");

        WasmModule plain = SharedModules.load(module(12));
        assertEquals(4950L + 12, interpreted(plain).invoke("sum", 100)[0]);
        assertNull(SharedModules.aheadOf(plain, TranslationLevel.OPTIMIZED), "no debugger stop, nothing ahead");
    }

    /** Collects the events of {@code instance}'s debugger (no entry events), continuing after each. */
    private static List<DebugEvent> recordEvents(Instance instance) {
        List<DebugEvent> events = new ArrayList<>();
        Debugger debugger = instance.store().debugger();
        debugger.setEntryEvents(false);
        debugger.setHandler((event, frames) -> {
            events.add(event);
            return Resume.CONTINUE;
        });
        return events;
    }
}
