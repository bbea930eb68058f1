package dev.trapdoor.engine.spec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.error.Feature;
import dev.trapdoor.engine.error.InvalidModuleException;
import dev.trapdoor.engine.error.MalformedModuleException;
import dev.trapdoor.engine.error.UninstantiableException;
import dev.trapdoor.engine.error.UnlinkableException;
import dev.trapdoor.engine.error.UnsupportedFeatureException;
import dev.trapdoor.engine.error.WasmException;
import dev.trapdoor.engine.exec.FunctionInstance;
import dev.trapdoor.engine.exec.GlobalInstance;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.exec.EngineConfig;
import dev.trapdoor.engine.exec.Store;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.trap.Trap;
import dev.trapdoor.engine.trap.TrapKind;
import dev.trapdoor.engine.text.TextFormatException;
import org.junit.jupiter.api.Assumptions;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs the commands of one script in order, on one store: modules, registrations and actions build the state that
 * later assertions use. Every expectation failure is an {@link AssertionFailedError}; an exception that is not a
 * {@link WasmException} is always a failure, since nothing else may escape the engine's API.
 */
final class WastScript {
    private final String wastFile;
    private final String feature;
    /** Whether a command of this (3.0 feature) script was skipped for the missing feature. */
    private boolean featureSkipped;
    /** Modules of {@code module definition} commands, by name, for {@code module instance}. */
    private final Map<String, WasmModule> definitions = new HashMap<>();
    private final Store store;
    private final SpectestModule imports;
    private final Map<String, Instance> named = new HashMap<>();
    private Instance current;
    /** Why there is no current module (a module command that failed), for the messages of the commands after it. */
    private String noCurrentReason = "the script defines no module before this command";

    WastScript(String wastFile) {
        this(wastFile, SpecDebugMode.NONE, null);
    }

    WastScript(String wastFile, SpecDebugMode debugMode, String feature) {
        this(wastFile, debugMode, feature, EngineConfig.DEFAULT);
    }

    /**
     * @param feature the 3.0 feature the script's folder tests, or {@code null} (2.0): in a feature's script, a
     *                module the engine rejects is reported as skipped for that missing feature, not as a failure
     * @param config  the engine configuration of the script's store (the tier, the chunk budget)
     */
    WastScript(String wastFile, SpecDebugMode debugMode, String feature, EngineConfig config) {
        this.wastFile = wastFile;
        this.feature = feature;
        this.store = new Store(config);
        debugMode.attach(store);
        this.imports = new SpectestModule(store);
    }

    void run(WastCommand c) {
        try {
            runCommand(c);
        } catch (AssertionFailedError e) {
            if (feature != null && featureSkipped) {
                // The failure may come from state a skipped module would have built (shared memories, registrations).
                Assumptions.abort("feature missing: " + feature + " (a module before this command needed it; "
                        + e.getMessage() + ")");
            }
            throw e;
        }
    }

    private void runCommand(WastCommand c) {
        switch (c.type()) {
            case "module" -> defineModule(c);
            case "module_definition" -> defineOnly(c);
            case "module_instance" -> instantiateDefinition(c);
            case "register" -> register(c);
            case "assert_malformed_custom", "assert_invalid_custom" ->
                    Assumptions.abort("feature missing: " + feature + " (" + c.type() + ")");
            case "assert_exception" -> assertException(c);
            case "action" -> perform(c.action());
            case "assert_return" -> assertReturn(c);
            case "assert_trap" -> assertTrap(c);
            case "assert_exhaustion" -> assertExhaustion(c);
            case "assert_malformed" -> expectLoadError(c, MalformedModuleException.class);
            case "assert_invalid" -> expectLoadError(c, InvalidModuleException.class);
            case "assert_unlinkable" -> expectInstantiationError(c, UnlinkableException.class);
            case "assert_uninstantiable" -> expectInstantiationError(c, UninstantiableException.class);
            default -> fail("unsupported command type " + c.type() + " in " + wastFile + ":" + c.line());
        }
    }

    /** Records that a command was not run; an excluded module leaves no current module. */
    void skip(WastCommand c) {
        if (c.type().equals("module")) {
            current = null;
            if (c.name() != null) {
                named.remove(c.name());
            }
            noCurrentReason = "the module at line " + c.line() + " is excluded";
        }
    }

    private void defineModule(WastCommand c) {
        current = null;
        if (c.name() != null) {
            named.remove(c.name());
        }
        noCurrentReason = "the module at line " + c.line() + " failed";
        Instance instance = engine("loading and instantiating the module", () -> {
            WasmModule m = Wasm.load(moduleBytes(c));
            return store.instantiate(m, imports);
        });
        current = instance;
        if (c.name() != null) {
            named.put(c.name(), instance);
        }
    }

    private void defineOnly(WastCommand c) {
        WasmModule m = engine("loading the module definition", () -> Wasm.load(moduleBytes(c)));
        if (c.name() != null) {
            definitions.put(c.name(), m);
        }
    }

    private void instantiateDefinition(WastCommand c) {
        WasmModule m = definitions.get(c.as());
        if (m == null && feature != null && featureSkipped) {
            Assumptions.abort("feature missing: " + feature + " (the definition " + c.as() + " was skipped)");
        }
        if (m == null) {
            fail("no module definition named " + c.as());
        }
        current = null;
        noCurrentReason = "the module instance at line " + c.line() + " failed";
        Instance instance = engine("instantiating the module definition", () -> store.instantiate(m, imports));
        current = instance;
        if (c.name() != null) {
            named.put(c.name(), instance);
        }
    }

    private void register(WastCommand c) {
        imports.register(c.as(), instance(c.name()));
    }

    private long[] perform(WastCommand.Action a) {
        Instance instance = instance(a.module());
        return switch (a.type()) {
            case "invoke" -> {
                FunctionInstance f = instance.function(a.field());
                if (f == null) {
                    fail("the module has no exported function \"" + a.field() + "\"");
                }
                long[] args = SpecValues.toSlots(a.args());
                yield engine("invoking " + a.field(), () -> f.call(args));
            }
            case "get" -> {
                GlobalInstance g = instance.global(a.field());
                if (g == null) {
                    fail("the module has no exported global \"" + a.field() + "\"");
                }
                yield g.type().type() == dev.trapdoor.engine.model.ValType.V128
                        ? new long[] {g.get(), g.high()} : new long[] {g.get()};
            }
            default -> fail("unsupported action type " + a.type());
        };
    }

    private void assertReturn(WastCommand c) {
        long[] results = perform(c.action());
        String mismatch = SpecValues.mismatch(c.expected(), results);
        if (mismatch != null) {
            fail(mismatch);
        }
    }

    private void assertTrap(WastCommand c) {
        TrapKind kind = trapKind(c.text());
        if (c.action() == null) {
            // A module whose instantiation traps: the engine reports it as uninstantiable, caused by the trap.
            expectInstantiationError(c, UninstantiableException.class);
            return;
        }
        expectTrap(kind, c);
    }

    private void assertExhaustion(WastCommand c) {
        expectTrap(TrapKind.CALL_STACK_EXHAUSTED, c);
    }

    private void expectTrap(TrapKind kind, WastCommand c) {
        Instance instance = instance(c.action().module());
        Throwable thrown = expectThrow(() -> {
            // Resolve names outside the engine call, so a missing export is reported as such.
            if (!c.action().type().equals("invoke")) {
                fail("a trap is expected from an invoke, got action " + c.action().type());
            }
            FunctionInstance f = instance.function(c.action().field());
            if (f == null) {
                fail("the module has no exported function \"" + c.action().field() + "\"");
            }
            long[] args = SpecValues.toSlots(c.action().args());
            long[] results = f.call(args);
            fail("expected trap \"" + c.text() + "\" but it returned " + SpecValues.describe(results));
        });
        checkTrap(thrown, kind, c.text());
    }

    /** An invoke that throws a Wasm exception no handler catches. */
    private void assertException(WastCommand c) {
        Instance instance = instance(c.action().module());
        Throwable thrown = expectThrow(() -> {
            FunctionInstance f = instance.function(c.action().field());
            if (f == null) {
                fail("the module has no exported function \"" + c.action().field() + "\"");
            }
            long[] results = f.call(SpecValues.toSlots(c.action().args()));
            fail("expected an exception but it returned " + SpecValues.describe(results));
        });
        if (!(thrown instanceof dev.trapdoor.engine.exec.WasmThrow)) {
            throw unexpected("expected an uncaught Wasm exception", thrown);
        }
    }

    private void checkTrap(Throwable thrown, TrapKind kind, String text) {
        if (!(thrown instanceof Trap trap)) {
            throw unexpected("expected trap \"" + text + "\"", thrown);
        }
        if (trap.kind() != kind) {
            fail("expected trap " + kind + " (\"" + text + "\") but got " + trap.kind() + ": " + trap.getMessage(),
                    trap);
        }
    }

    private void expectLoadError(WastCommand c, Class<? extends WasmException> expected) {
        String outcome = Superseded.outcome(wastFile, c.line());
        if ("VALID".equals(outcome)) {
            engine("loading the module, which 3.0 reads (u64 limits and offsets)", () -> Wasm.load(moduleBytes(c)));
            return;
        }
        Throwable thrown = expectThrow(() -> {
            Wasm.load(moduleBytes(c));
            fail("expected " + expected.getSimpleName() + " (\"" + c.text() + "\") but the module loaded");
        });
        if ("INVALID".equals(outcome)) {
            if (!(thrown instanceof InvalidModuleException)) {
                throw unexpected("expected InvalidModuleException, which 3.0 (u64 limits and offsets) makes of the"
                        + " 2.0 " + expected.getSimpleName() + " (\"" + c.text() + "\")", thrown);
            }
            return;
        }
        Feature superseded = Superseded.feature(wastFile, c.line());
        if (superseded != null) {
            // Valid in 3.0: the module uses a feature Trapdoor lacks, and must say which.
            if (!(thrown instanceof UnsupportedFeatureException u) || u.feature() != superseded) {
                throw unexpected("expected UnsupportedFeatureException (" + superseded + "), which 3.0 makes of"
                        + " the 2.0 " + expected.getSimpleName() + " (\"" + c.text() + "\")", thrown);
            }
            return;
        }
        if (expected == MalformedModuleException.class && thrown instanceof TextFormatException) {
            return; // text that does not parse is the text format's malformed module
        }
        if (!expected.isInstance(thrown)) {
            if (feature != null && thrown instanceof WasmException) {
                missingFeature(thrown);
            }
            throw unexpected("expected " + expected.getSimpleName() + " (\"" + c.text() + "\")", thrown);
        }
    }

    private void expectInstantiationError(WastCommand c, Class<? extends WasmException> expected) {
        WasmModule module = engine("loading the module", () -> Wasm.load(moduleBytes(c)));
        Throwable thrown = expectThrow(() -> {
            store.instantiate(module, imports);
            fail("expected " + expected.getSimpleName() + " (\"" + c.text() + "\") but the module instantiated");
        });
        if (!expected.isInstance(thrown)) {
            throw unexpected("expected " + expected.getSimpleName() + " (\"" + c.text() + "\")", thrown);
        }
        // When the text names a trap ("out of bounds memory access", "unreachable"), the cause must be that trap.
        TrapKind kind = expected == UninstantiableException.class ? TrapKind.forSpecText(c.text()) : null;
        if (kind != null) {
            checkTrap(thrown.getCause(), kind, c.text());
        }
    }

    /** Runs code that must throw, and returns what it threw; a failure or abort inside passes through. */
    private static Throwable expectThrow(Runnable body) {
        try {
            body.run();
        } catch (AssertionFailedError | TestAbortedException e) {
            throw e;
        } catch (Throwable t) {
            return t;
        }
        throw new AssertionError("unreachable: the body fails when nothing is thrown");
    }

    /** Runs engine code that must succeed, turning any exception into a failure that says what kind it was. */
    private <T> T engine(String what, Supplier<T> body) {
        try {
            return body.get();
        } catch (AssertionFailedError | TestAbortedException e) {
            throw e;
        } catch (Throwable t) {
            if (feature != null && (t instanceof MalformedModuleException || t instanceof InvalidModuleException
                    || t instanceof UnsupportedFeatureException || t instanceof TextFormatException
                    || (featureSkipped && t instanceof UnlinkableException))) {
                missingFeature(t);
            }
            throw unexpected(what, t);
        }
    }

    /** In a 3.0 feature's script, a module the engine (or the text parser) rejects needs the missing feature. */
    private void missingFeature(Throwable t) {
        noCurrentReason = "feature missing: " + feature;
        featureSkipped = true;
        Assumptions.abort("feature missing: " + feature + " (" + t.getMessage() + ")");
    }

    private static AssertionFailedError unexpected(String context, Throwable t) {
        if (t == null) {
            return new AssertionFailedError(context + " but nothing was thrown");
        }
        if (t instanceof WasmException) {
            return new AssertionFailedError(context + " but got " + t.getClass().getSimpleName() + ": "
                    + t.getMessage(), t);
        }
        return new AssertionFailedError(context + " but got a non-engine exception (not a WasmException): " + t, t);
    }

    private TrapKind trapKind(String text) {
        TrapKind kind = TrapKind.forSpecText(text);
        if (kind == null && feature != null) {
            Assumptions.abort("feature missing: " + feature + " (the trap \"" + text + "\")");
        }
        if (kind == null) {
            fail("no TrapKind for the spec text \"" + text + "\"");
        }
        return kind;
    }

    private Instance instance(String name) {
        if (name == null) {
            if (current == null) {
                if (noCurrentReason.startsWith("feature missing")) {
                    Assumptions.abort(noCurrentReason);
                }
                fail("no current module: " + noCurrentReason);
            }
            return current;
        }
        Instance instance = named.get(name);
        if (instance == null) {
            if (feature != null && noCurrentReason.startsWith("feature missing")) {
                Assumptions.abort(noCurrentReason);
            }
            fail("no module named " + name + " (its definition failed or is missing)");
        }
        return instance;
    }

    private static byte[] moduleBytes(WastCommand c) {
        return c.module().bytes();
    }
}
