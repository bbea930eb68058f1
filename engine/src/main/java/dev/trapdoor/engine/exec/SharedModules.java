package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.binary.ModuleDecoder;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
 * plain ones. Instances reaching a function at once translate it once: the others wait for that translation.
 *
 * <p>Memory: at most {@value #CAPACITY} modules, held softly, so a collection that needs the room drops them; a
 * module's translations live exactly as long as the module (keyed weakly by it). Equal bytes are checked in full, so a
 * hash collision only costs a decode.
 */
public final class SharedModules {
    static final int CAPACITY = 8;

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

    /** A module's templates, one array per translation level, indexed by defined function. */
    private record Templates(AtomicReferenceArray<CompiledFunction> optimized,
                             AtomicReferenceArray<CompiledFunction> exact) {
        static Templates of(WasmModule module) {
            int defined = module.functionCount() - module.importedFunctionCount();
            return new Templates(new AtomicReferenceArray<>(defined), new AtomicReferenceArray<>(defined));
        }

        AtomicReferenceArray<CompiledFunction> at(TranslationLevel level) {
            return level == TranslationLevel.EXACT ? exact : optimized;
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
        AtomicReferenceArray<CompiledFunction> shared = templates.at(level);
        int i = funcIndex - ctx.module().importedFunctionCount();
        CompiledFunction template = shared.get(i);
        if (template == null) {
            // Fifty sessions reach the same function together: one translates, the others wait for it.
            synchronized (shared) {
                template = shared.get(i);
                if (template == null) {
                    template = Translator.translate(ctx, funcIndex, level);
                    shared.set(i, template);
                }
            }
        }
        return template.copyForInstance();
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
