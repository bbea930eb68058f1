package dev.trapdoor.fuzz;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.error.WasmException;
import dev.trapdoor.engine.exec.EngineConfig;
import dev.trapdoor.engine.exec.Extern;
import dev.trapdoor.engine.exec.FunctionInstance;
import dev.trapdoor.engine.exec.GlobalInstance;
import dev.trapdoor.engine.exec.ImportResolver;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.exec.MemoryInstance;
import dev.trapdoor.engine.exec.Store;
import dev.trapdoor.engine.exec.TableInstance;
import dev.trapdoor.engine.exec.Tier;
import dev.trapdoor.engine.exec.Values;
import dev.trapdoor.engine.model.Export;
import dev.trapdoor.engine.model.ExternKind;
import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.Import;
import dev.trapdoor.engine.model.ImportDesc;
import dev.trapdoor.engine.model.MemoryType;
import dev.trapdoor.engine.model.WasmModule;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Target 2: mutated modules that still load are instantiated (imports satisfied by stubs: functions returning
 * zeros, zeroed globals, fresh memories and tables) and every exported function is called with zero arguments,
 * in the interpreter under a time limit and a small call depth. Only {@link WasmException}s (traps among them) may
 * come out, and no input may run past its bound: the engine's own limits must stop runaway guests.
 */
class RunExportsFuzzTest {
    private static final long TIME_LIMIT_MS = 100;
    /** Per input: instantiation and every export, each with its own time limit, plus slack for a loaded machine. */
    private static final long BOUND_MS = 20_000;
    /** Declared memories above this are skipped: allocating gigabytes proves nothing and slows the machine. */
    private static final long MAX_PAGES = 1024;

    private static final EngineConfig CONFIG = EngineConfig.DEFAULT.withTier(Tier.INTERPRETER)
            .withTimeLimitMillis(TIME_LIMIT_MS).withMaxCallDepth(2_000).withMaxTableElements(100_000);

    @Test
    void instantiateAndRunEveryExport() {
        Budget budget = new Budget();
        List<byte[]> corpus = Corpus.modules();
        long i = 0;
        int[] ran = new int[2];
        try (Bounded bounded = new Bounded()) {
            for (; budget.left(); i++) {
                Random r = new Random(budget.seed * 1_000_003L + i);
                byte[] input = r.nextInt(4) == 0 ? corpus.get(r.nextInt(corpus.size()))
                        : Mutator.mutate(corpus.get(r.nextInt(corpus.size())), corpus, r);
                WasmModule module;
                try {
                    module = Wasm.load(input);
                } catch (WasmException rejected) {
                    continue;
                } catch (RuntimeException | Error e) {
                    throw new AssertionError("the decoder threw " + e + ": " + budget.keep("exports", i, input), e);
                }
                if (tooLarge(module)) {
                    continue;
                }
                Bounded.Outcome<Integer> o = bounded.run(() -> run(module), BOUND_MS);
                if (o.timedOut()) {
                    fail("ran past " + BOUND_MS + " ms despite the time limit: " + budget.keep("exports", i, input));
                }
                if (o.thrown() != null) {
                    throw new AssertionError("not a WasmException: " + o.thrown() + "; input "
                            + budget.keep("exports", i, input), o.thrown());
                }
                ran[0]++;
                ran[1] += o.value();
            }
        }
        System.err.println("exports fuzz: " + i + " inputs from seed " + budget.seed + ", " + ran[0]
                + " instantiated or refused at instantiation, " + ran[1] + " export calls");
        assertTrue(ran[0] > 10, "too few modules ran: " + ran[0]);
    }

    private static boolean tooLarge(WasmModule module) {
        for (MemoryType m : module.memories()) {
            if (m.limits().min() > MAX_PAGES) {
                return true;
            }
        }
        return false;
    }

    /** Calls every export; returns how many calls were made. Traps and other WasmExceptions are fine. */
    private static int run(WasmModule module) {
        Store store = new Store(CONFIG);
        Instance instance;
        try {
            instance = store.instantiate(module, stubs(store, module));
        } catch (WasmException refused) {
            return 0;
        }
        int calls = 0;
        for (Export e : module.exports()) {
            if (e.kind() != ExternKind.FUNC) {
                continue;
            }
            FunctionInstance f = instance.function(e.name());
            calls++;
            try {
                f.call(new long[flatLength(f.type())]);
            } catch (WasmException trapOrLimit) {
                // the expected outcome of many a mutated module
            }
        }
        return calls;
    }

    /** Zero arguments for {@code type}: a v128 parameter takes two longs in the API. */
    private static int flatLength(dev.trapdoor.engine.model.FuncType type) {
        int n = 0;
        for (int i = 0; i < type.paramCount(); i++) {
            n += type.param(i) == dev.trapdoor.engine.model.ValType.V128 ? 2 : 1;
        }
        return n;
    }

    private static ImportResolver stubs(Store store, WasmModule module) {
        Map<String, Extern> made = new HashMap<>();
        for (Import imp : module.imports()) {
            String key = imp.module() + "\0" + imp.name();
            Extern ext = null;
            if (imp.desc() instanceof ImportDesc.Func fn) {
                FuncType type = module.types().get(fn.typeIndex());
                ext = store.hostFunction(imp.name(), type, (caller, args) -> new long[type.resultCount()]);
            } else if (imp.desc() instanceof ImportDesc.Global g) {
                ext = new GlobalInstance(g.type(), g.type().type().isRef() ? Values.NULL_REF : 0);
            } else if (imp.desc() instanceof ImportDesc.Memory m && m.type().limits().min() <= MAX_PAGES) {
                ext = new MemoryInstance(m.type());
            } else if (imp.desc() instanceof ImportDesc.Table t && t.type().limits().min() <= 100_000) {
                ext = new TableInstance(t.type(), Values.NULL_REF, 100_000);
            }
            if (ext != null) {
                made.putIfAbsent(key, ext);
            }
        }
        return (mod, name) -> made.get(mod + "\0" + name);
    }
}
