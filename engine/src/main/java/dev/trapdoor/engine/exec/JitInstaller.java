package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.compile.CompiledClass;
import dev.trapdoor.engine.compile.JvmCompiler;
import dev.trapdoor.engine.compile.TypedCalls;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.MutableCallSite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;

/**
 * Compiles a function and installs the result: defines the class as a hidden class in this package (unloaded with
 * its module once nothing refers to it), then points the function's call site and entry at it. A compiler bug never
 * takes the program down: if translating, verifying or defining fails, the failure is logged once and the function
 * keeps running in the interpreter.
 */
final class JitInstaller {
    private JitInstaller() {
    }

    private static final System.Logger LOG = System.getLogger("dev.trapdoor.engine.compile");
    private static final MethodType CHUNK = MethodType.methodType(int.class, int.class, int.class);
    private static final MethodType RUN_LOOP = MethodType.methodType(void.class, int.class, int.class);
    /** Tests make compilation fail for the functions this accepts, to prove the fallback. */
    static volatile Predicate<FunctionInstance> faultInjector = f -> false;
    /** Set in the project's own tests: a real compilation failure is a bug to see, not to fall back from. */
    private static final boolean STRICT = Boolean.getBoolean("trapdoor.jit.strict");
    /** {@code -Dtrapdoor.jit.liveness=false} moves every local at chunk crossings (the optimization switched off). */
    private static final boolean LIVENESS = !"false".equals(System.getProperty("trapdoor.jit.liveness"));
    /** {@code -Dtrapdoor.jit.dump=DIR} writes each generated class there, for {@code javap -c -p}. */
    private static final String DUMP = System.getProperty("trapdoor.jit.dump");

    /** Compiles {@code f}; returns whether it now runs compiled. */
    static boolean install(FunctionInstance f) {
        return install(f, null);
    }

    /**
     * Compiles {@code f} again and puts the new code in place of the code of {@code replacing}, if that is still
     * installed ({@link BareSwap}); returns whether it did.
     */
    static boolean replace(FunctionInstance f, JitContext replacing) {
        return install(f, replacing);
    }

    private static boolean install(FunctionInstance f, JitContext replacing) {
        if (f.host != null || (replacing == null && f.jit != null)) {
            return f.jit != null;
        }
        Store store = f.store;
        if (store.jitDisabled() || f.pinned > 0) {
            // A debugger wants the interpreter's stops.
            return false;
        }
        boolean injected = faultInjector.test(f);
        try {
            if (injected) {
                throw new VerifyError("injected compilation failure");
            }
            String name = "dev/trapdoor/engine/exec/Jit$" + f.funcIndex;
            // With no debugger to show dead locals, chunk crossings move only live ones (a debugger that attaches
            // later drops such code: Store#debugger).
            boolean liveOnly = LIVENESS && !store.hasDebugger();
            // The interpreter's frame size where it is larger, so both tiers run out of value stack at the same call.
            // (Translated here, not stored: this may be the compiler thread, and f.code is the guest thread's.)
            CompiledFunction interpreted = f.code != null ? f.code
                    : Translator.translate(f.instance.context(), f.funcIndex);
            CompiledClass cc = JvmCompiler.compile(f.instance.context(), f.funcIndex, store.config.chunkBudget(),
                    name, store.config.emulateFunctionPointerCasts(), liveOnly, interpreted.frameSize);
            int frameSize = Math.max(cc.frameSize(), interpreted.frameSize);
            JitContext ctx = new JitContext(f, frameSize, cc.zeroSlots(), cc.siteOffsets(),
                    cc.siteOps(), cc.siteMemOffset(),
                    cc.entryIds(), cc.entryChunks());
            ctx.brTables = cc.brTables();
            ctx.denseIds = cc.denseIds();
            ctx.denseChunks = cc.denseChunks();
            ctx.typedSitesFrom = cc.typedSitesFrom();
            if (DUMP != null) {
                dump(name, cc.classes());
            }
            MethodHandles.Lookup[] lookups = new MethodHandles.Lookup[cc.classes().length];
            for (int i = 0; i < lookups.length; i++) {
                lookups[i] = JitRt.LOOKUP.defineHiddenClassWithClassData(cc.classes()[i], ctx, true);
            }
            MethodHandle[] chunks = new MethodHandle[cc.chunkCount()];
            for (int i = 0; i < chunks.length; i++) {
                MethodHandles.Lookup part = lookups[i / cc.chunksPerClass()];
                chunks[i] = part.findStatic(part.lookupClass(), "c" + i, CHUNK);
            }
            ctx.chunks = chunks;
            if (cc.chunkCount() > 1 && cc.chunkCount() <= cc.chunksPerClass()) {
                ctx.runLoop = lookups[0].findStatic(lookups[0].lookupClass(), "run", RUN_LOOP);
            }
            MethodHandles.Lookup lookup = lookups[0];
            Class<?> cls = lookup.lookupClass();
            if (cc.bareCalls()) {
                BareCalls.register(cls);
            }
            MethodHandle entry = lookup.findStatic(cls, "call", JitRt.ENTRY);
            MethodHandle body = cc.tailCalls()
                    ? lookup.findStatic(cls, JvmCompiler.TAIL_BODY, JitRt.ENTRY) : entry;
            MethodHandle typed = cc.typedEntry() ? lookup.findStatic(cls, TypedCalls.METHOD,
                    MethodType.fromMethodDescriptorString(TypedCalls.descriptor(f.type), null)) : null;
            synchronized (f) {
                if (store.jitDisabled() || f.pinned > 0 || (liveOnly && store.hasDebugger())
                        || (replacing != null && (f.jit == null || f.jitContext != replacing))) {
                    return false;
                }
                // Bare trap handlers that left out pending values too hide what a debugger reads at a trap.
                ctx.liveOnly = liveOnly && (cc.chunkCount() > 1 || cc.bareOmits());
                ctx.bareTyped = cc.bareCalls();
                f.jitContext = ctx;
                f.jitBody = body;
                f.setJit(entry);
                ((MutableCallSite) JitRt.siteOf(f)).setTarget(entry);
                if (typed != null) {
                    f.typedJit = typed;
                    JitRt.typedSiteOf(f).setTarget(typed);
                }
            }
            return true;
        } catch (dev.trapdoor.engine.compile.UnsupportedByCompiler e) {
            LOG.log(System.Logger.Level.DEBUG, "trapdoor: " + e.getMessage() + "; it runs in the interpreter");
            return false;
        } catch (Throwable e) {
            // VerifyError, ClassFormatError, a translator exception, even an OutOfMemoryError while defining: the
            // function is still fine to run where it ran before.
            if (STRICT && !injected) {
                throw new IllegalStateException("compiling function " + f.funcIndex + " failed", e);
            }
            LOG.log(System.Logger.Level.WARNING, "trapdoor: function " + f.funcIndex + " (" + f.name()
                    + ") could not be compiled and runs in the interpreter: " + e);
            return false;
        }
    }

    /** Writes {@code Jit$N.class} (then {@code Jit$N_1.class}... for a function of several classes) to the directory. */
    private static void dump(String name, byte[][] classes) throws java.io.IOException {
        Path dir = Path.of(DUMP);
        Files.createDirectories(dir);
        for (int i = 0; i < classes.length; i++) {
            String file = name.substring(name.lastIndexOf('/') + 1) + (i == 0 ? "" : "_" + i) + ".class";
            Files.write(dir.resolve(file), classes[i]);
        }
    }
}
