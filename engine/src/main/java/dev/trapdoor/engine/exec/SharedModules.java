package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.binary.ModuleDecoder;
import dev.trapdoor.engine.model.FunctionBody;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.validate.ModuleContext;
import dev.trapdoor.engine.validate.ModuleValidator;

import java.lang.ref.SoftReference;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Modules that the instances of one process share when they load the same bytes (a debug server's sessions of one
 * program), and the translations of their functions. Fifty sessions of one program otherwise decode, validate
 * and translate it fifty times: most of a loaded server's allocation, and so of its collector's pauses.
 *
 * <p>What is shared is what nothing writes after it is made: the {@link WasmModule} (immutable) and, per function
 * and {@link TranslationLevel}, a translation kept as a template that no instance runs. Each instance gets a
 * copy of it ({@link CompiledFunction#copyForInstance}): its own code to patch with breakpoints and its own step code,
 * record code and breakpoint set, over the shared read-only tables. That holds for the exact translations a debugger
 * asks for ({@link Retranslations}: every session's first step retranslates the function it steps in) as for the
 * plain ones. Instances reaching a function at once translate it once: the others wait for that translation, and
 * only it (each function is claimed on its own, so one long translation holds up no other function).
 *
 * <p>Translating ahead ({@link #translateAhead}): the first time a debugger stops a program of a shared module, one
 * background thread for the process translates the module's other functions at that level ({@link #AHEAD_DELAY_MS}
 * later), so that a later step into library code (a C {@code printf} and the functions it calls, which nobody ran
 * before) copies templates instead of translating them on the engine thread, with the JVM still compiling the
 * translator. With 50 sessions stepping over the same {@code printf} at once, all 50 waited for that one first
 * translation (benchmarks/RESULTS.md, session 15).
 * At most {@link #AHEAD_BYTES} bytes of function bodies per module are translated so (in function order): a large
 * module's templates would otherwise cost memory for functions a session never reaches.
 *
 * <p>Memory: at most {@value #CAPACITY} modules, held softly, so a collection that needs the room drops them; a
 * module's translations live exactly as long as the module (keyed weakly by it). Equal bytes are checked in full, so a
 * hash collision only costs a decode.
 */
public final class SharedModules {
    static final int CAPACITY = 8;
    /** {@code -Dtrapdoor.translateAheadBytes=0} turns translating ahead off. */
    static final long AHEAD_BYTES = Long.getLong("trapdoor.translateAheadBytes", 512 * 1024);
    /**
     * How long translating ahead waits after the stop that asked for it. An editor asks for the stack, scopes and
     * variables the moment a program stops, and the server answers them with DWARF work that the translation would
     * compete with on a small machine: started at once, it made that first view 438 ms instead of 250 (median of 5,
     * load 10-14 on 2 cores; benchmarks/RESULTS.md, session 15). A person's first step comes later than this.
     */
    static final long AHEAD_DELAY_MS = Long.getLong("trapdoor.translateAheadDelayMs", 1000);
    /**
     * Made on the first translation ahead, not with this class: every interpreted function of a {@code trapdoor run}
     * passes through {@link #translate}, and a hello-world must not load an executor it never uses.
     */
    private static final class Ahead {
        static final BackgroundWorker WORKER = new BackgroundWorker("trapdoor translate-ahead", CAPACITY, 2_000);
    }

    private record Key(int length, int hash) {
        static Key of(byte[] bytes) {
            return new Key(bytes.length, Arrays.hashCode(bytes));
        }
    }

    /** Least recently used first. */
    private static final LinkedHashMap<Key, SoftReference<WasmModule>> MODULES = new LinkedHashMap<>(16, 0.75f, true);
    /** Loads under way, so that sessions launching the same program at once decode it once. */
    private static final Map<Key, CompletableFuture<WasmModule>> LOADING = new HashMap<>();
    private static final Map<WasmModule, Templates> TRANSLATIONS = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * A module's templates, one array per translation level, indexed by defined function. An element is null (not
     * translated), a {@link CompiledFunction} (the template) or a {@link CompletableFuture} (a thread is translating
     * it).
     */
    private record Templates(AtomicReferenceArray<Object> optimized, AtomicReferenceArray<Object> exact,
                             AtomicReference<CompletableFuture<Void>> optimizedAhead,
                             AtomicReference<CompletableFuture<Void>> exactAhead) {
        static Templates of(WasmModule module) {
            int defined = module.functionCount() - module.importedFunctionCount();
            return new Templates(new AtomicReferenceArray<>(defined), new AtomicReferenceArray<>(defined),
                    new AtomicReference<>(), new AtomicReference<>());
        }

        AtomicReferenceArray<Object> at(TranslationLevel level) {
            return level == TranslationLevel.EXACT ? exact : optimized;
        }

        /** The translation ahead at {@code level}, once asked for. */
        AtomicReference<CompletableFuture<Void>> ahead(TranslationLevel level) {
            return level == TranslationLevel.EXACT ? exactAhead : optimizedAhead;
        }
    }

    private SharedModules() {
    }

    /**
     * Decodes and validates {@code bytes}, or returns the module this process already made from equal bytes.
     *
     * @throws dev.trapdoor.engine.error.MalformedModuleException if the bytes are not a well-formed module
     * @throws dev.trapdoor.engine.error.InvalidModuleException   if the module does not validate
     */
    public static WasmModule load(byte[] bytes) {
        Key key = Key.of(bytes);
        CompletableFuture<WasmModule> pending;
        boolean mine = false;
        synchronized (MODULES) {
            WasmModule known = cached(key, bytes);
            if (known != null) {
                return known;
            }
            pending = LOADING.get(key);
            if (pending == null) {
                pending = new CompletableFuture<>();
                LOADING.put(key, pending);
                mine = true;
            }
        }
        if (!mine) {
            WasmModule other = join(pending);
            // Another load of the same hash may be of other bytes: then this one decodes its own.
            return Arrays.equals(other.bytes(), bytes) ? other : decode(bytes);
        }
        try {
            WasmModule module = decode(bytes);
            TRANSLATIONS.put(module, Templates.of(module));
            synchronized (MODULES) {
                MODULES.put(key, new SoftReference<>(module));
                trim();
                LOADING.remove(key);
            }
            pending.complete(module);
            return module;
        } catch (RuntimeException | Error e) {
            synchronized (MODULES) {
                LOADING.remove(key);
            }
            pending.completeExceptionally(e);
            throw e;
        }
    }

    /**
     * The translation of function {@code funcIndex} at {@code level} for an instance: a copy of the shared template
     * when the module is shared, else a translation of its own.
     */
    static CompiledFunction translate(ModuleContext ctx, int funcIndex, TranslationLevel level) {
        Templates templates = TRANSLATIONS.get(ctx.module());
        if (templates == null) {
            return Translator.translate(ctx, funcIndex, level);
        }
        return template(templates.at(level), ctx, funcIndex, level).copyForInstance();
    }

    /**
     * The shared template of a function: the one made, the one another thread is making (waited for), or one this
     * thread makes. A failed translation leaves the function unclaimed and throws in the thread that made it; a
     * thread waiting for it then tries itself, so each caller sees its own failure as before.
     */
    private static CompiledFunction template(AtomicReferenceArray<Object> shared, ModuleContext ctx, int funcIndex,
                                             TranslationLevel level) {
        int i = funcIndex - ctx.module().importedFunctionCount();
        for (;;) {
            Object slot = shared.get(i);
            if (slot instanceof CompiledFunction template) {
                return template;
            }
            if (slot instanceof CompletableFuture<?> pending) {
                try {
                    return (CompiledFunction) pending.join();
                } catch (CompletionException | CancellationException failed) {
                    continue;
                }
            }
            CompletableFuture<CompiledFunction> mine = new CompletableFuture<>();
            if (!shared.compareAndSet(i, null, mine)) {
                continue;
            }
            try {
                CompiledFunction template = Translator.translate(ctx, funcIndex, level);
                shared.set(i, template);
                mine.complete(template);
                return template;
            } catch (RuntimeException | Error e) {
                shared.set(i, null);
                mine.completeExceptionally(e);
                throw e;
            }
        }
    }

    /**
     * Queues the translation of {@code module}'s functions at {@code level} on the background thread, once per module
     * and level; does nothing for a module that did not come from {@link #load}, or when the queue is full. Returns
     * what completes when that translation is over, or null when nothing was queued.
     */
    static CompletableFuture<Void> translateAhead(WasmModule module, TranslationLevel level) {
        Templates templates = AHEAD_BYTES > 0 ? TRANSLATIONS.get(module) : null;
        if (templates == null || templates.ahead(level).get() != null) {
            return null;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!templates.ahead(level).compareAndSet(null, done)) {
            return null;
        }
        if (!Ahead.WORKER.offer(new AheadTask(module, templates.at(level), level, done))) {
            templates.ahead(level).set(null); // a later stop asks again
            return null;
        }
        return done;
    }

    /** A class, not a lambda: the first stop of a debug session should not wait for the JVM to spin one. */
    private record AheadTask(WasmModule module, AtomicReferenceArray<Object> shared, TranslationLevel level,
                             CompletableFuture<Void> done) implements Runnable {
        @Override
        public void run() {
            try {
                Thread.sleep(AHEAD_DELAY_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            translateAll(module, shared, level, done);
        }
    }

    private static void translateAll(WasmModule module, AtomicReferenceArray<Object> shared, TranslationLevel level,
                                     CompletableFuture<Void> done) {
        try {
            // Its own context: an instance's is not made to be read by two threads.
            ModuleContext ctx = new ModuleContext(module);
            long bytes = 0;
            for (int f = module.importedFunctionCount(); f < module.functionCount() && bytes < AHEAD_BYTES; f++) {
                FunctionBody body = module.body(f);
                bytes += body.endOffset() - body.bodyOffset();
                if (shared.get(f - module.importedFunctionCount()) == null) {
                    try {
                        template(shared, ctx, f, level);
                    } catch (RuntimeException e) {
                        // Whoever runs the function translates it then and reports what fails.
                    } catch (StackOverflowError | OutOfMemoryError e) {
                        return; // the same: nothing here is worth more than the room the program needs
                    }
                }
            }
        } finally {
            done.complete(null);
        }
    }

    /** The translation ahead of {@code module} at {@code level} once something asked for it, else null (for tests). */
    static CompletableFuture<Void> aheadOf(WasmModule module, TranslationLevel level) {
        Templates templates = TRANSLATIONS.get(module);
        return templates == null ? null : templates.ahead(level).get();
    }

    /** Whether {@code funcIndex} of a shared module has its template at {@code level} (for tests). */
    static boolean hasTemplate(WasmModule module, int funcIndex, TranslationLevel level) {
        Templates templates = TRANSLATIONS.get(module);
        return templates != null
                && templates.at(level).get(funcIndex - module.importedFunctionCount()) instanceof CompiledFunction;
    }

    /** Whether {@code module} came from {@link #load} and its translations are shared (for tests). */
    static boolean isShared(WasmModule module) {
        return TRANSLATIONS.containsKey(module);
    }

    private static WasmModule cached(Key key, byte[] bytes) {
        SoftReference<WasmModule> ref = MODULES.get(key);
        WasmModule module = ref == null ? null : ref.get();
        return module != null && Arrays.equals(module.bytes(), bytes) ? module : null;
    }

    private static void trim() {
        Iterator<SoftReference<WasmModule>> it = MODULES.values().iterator();
        while (it.hasNext()) {
            SoftReference<WasmModule> ref = it.next();
            if (ref.get() == null || MODULES.size() > CAPACITY) {
                it.remove();
            }
        }
    }

    private static WasmModule decode(byte[] bytes) {
        WasmModule module = ModuleDecoder.decode(bytes);
        ModuleValidator.validate(module);
        return module;
    }

    private static WasmModule join(CompletableFuture<WasmModule> pending) {
        try {
            return pending.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}
