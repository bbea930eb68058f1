package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.error.UninstantiableException;
import dev.trapdoor.engine.error.UnlinkableException;
import dev.trapdoor.engine.model.DataSegment;
import dev.trapdoor.engine.model.ElementSegment;
import dev.trapdoor.engine.model.Export;
import dev.trapdoor.engine.model.GlobalType;
import dev.trapdoor.engine.model.Import;
import dev.trapdoor.engine.model.ImportDesc;
import dev.trapdoor.engine.model.Limits;
import dev.trapdoor.engine.model.SegmentMode;
import dev.trapdoor.engine.model.TableType;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.trap.Trap;
import dev.trapdoor.engine.trap.TrapKind;

import java.util.List;

/**
 * Instantiation in the order Wasm 2.0 gives: link imports, allocate, evaluate globals and element items, apply active
 * element then data segments one by one (a segment that does not fit traps, leaving earlier writes in place), and run
 * the start function.
 */
final class Instantiator {
    private Instantiator() {
    }

    static Instance instantiate(Store store, WasmModule module, ImportResolver resolver) {
        Instance inst = new Instance(store, module);
        store.gcHeap().watch(inst);
        link(inst, module, resolver);

        int fi = module.importedFunctionCount();
        for (; fi < module.functionCount(); fi++) {
            inst.functions[fi] = store.newWasmFunction(inst, fi, module.functionType(fi));
        }
        for (int t = module.importedTableCount(); t < module.tables().size(); t++) {
            try {
                TableType tt = module.tables().get(t);
                long init = tt.init() == null ? Values.NULL_REF : ConstEval.eval(inst, tt.init(), new long[1]);
                inst.tables[t] = new TableInstance(TypeCanon.table(inst, tt), init, store.config.maxTableElements());
            } catch (IllegalArgumentException | OutOfMemoryError e) {
                throw new UninstantiableException("cannot allocate table " + t + ": " + e.getMessage(), null);
            }
        }
        for (int m = module.importedMemoryCount(); m < module.memories().size(); m++) {
            try {
                inst.memories[m] = new MemoryInstance(module.memories().get(m), store.memoryBudget);
                store.track(inst.memories[m]);
            } catch (IllegalArgumentException | OutOfMemoryError | MemoryLimitException e) {
                throw new UninstantiableException("cannot allocate memory " + m + ": " + e.getMessage(), null);
            }
        }
        inst.memory0 = inst.memories.length > 0 ? inst.memories[0] : null;
        for (int t = module.importedTagCount(); t < module.tagCount(); t++) {
            inst.tags[t] = new TagInstance(module.types().get(module.tagTypeIndex(t)), TagNames.of(module, t));
            inst.tags[t].typeId = inst.typeIds[module.tagTypeIndex(t)];
        }
        int g = module.importedGlobalCount();
        for (var global : module.globals()) {
            long[] high = new long[1];
            inst.globals[g] = new GlobalInstance(TypeCanon.global(inst, global.type()),
                    ConstEval.eval(inst, global.init(), high));
            inst.globals[g].hi = high[0];
            g++;
        }
        for (Export e : module.exports()) {
            inst.exports.put(e.name(), switch (e.kind()) {
                case FUNC -> inst.functions[e.index()];
                case TABLE -> inst.tables[e.index()];
                case MEMORY -> inst.memories[e.index()];
                case GLOBAL -> inst.globals[e.index()];
                case TAG -> inst.tags[e.index()];
            });
        }
        List<ElementSegment> elems = module.elements();
        for (int i = 0; i < elems.size(); i++) {
            inst.elements[i] = evalElements(inst, elems.get(i));
        }
        try {
            for (int i = 0; i < elems.size(); i++) {
                ElementSegment seg = elems.get(i);
                if (seg.mode() == SegmentMode.ACTIVE) {
                    int offset = WideMemoryOps.narrow(ConstEval.eval(inst, seg.offset()),
                            inst.tables[seg.tableIndex()].is64());
                    Bulk.tableInit(inst, seg.tableIndex(), i, offset, 0, inst.elements[i].length);
                }
                if (seg.mode() != SegmentMode.PASSIVE) {
                    inst.elements[i] = new long[0];
                }
            }
            List<DataSegment> data = module.data();
            for (int i = 0; i < data.size(); i++) {
                DataSegment seg = data.get(i);
                if (seg.mode() == SegmentMode.ACTIVE) {
                    int offset = WideMemoryOps.narrow(ConstEval.eval(inst, seg.offset()),
                            inst.memories[seg.memoryIndex()].is64());
                    Bulk.memoryInit(inst, seg.memoryIndex(), i, offset, 0, seg.length());
                    inst.droppedData[i] = true;
                }
            }
        } catch (TrapSignal fault) {
            throw new UninstantiableException(fault.kind.message() + " while initializing a segment",
                    new Trap(fault.kind, fault.detail, -1, -1, List.of()));
        }
        if (store.config.tier() == Tier.COMPILED) {
            // "Compiled" means before first use: the start function already runs compiled.
            for (int f = module.importedFunctionCount(); f < module.functionCount(); f++) {
                JitInstaller.install(inst.functions[f]);
            }
        }
        if (module.startFunction() >= 0) {
            try {
                inst.functions[module.startFunction()].call();
            } catch (Trap trap) {
                throw new UninstantiableException("start function trapped: " + trap.getMessage(), trap);
            }
        }
        return inst;
    }

    private static long[] evalElements(Instance inst, ElementSegment seg) {
        long[] refs = new long[seg.size()];
        if (seg.funcIndices() != null) {
            for (int i = 0; i < refs.length; i++) {
                refs[i] = inst.functions[seg.funcIndices()[i]].address;
            }
        } else {
            for (int i = 0; i < refs.length; i++) {
                refs[i] = ConstEval.eval(inst, seg.items().get(i));
            }
        }
        return refs;
    }

    private static void link(Instance inst, WasmModule module, ImportResolver resolver) {
        int f = 0, t = 0, m = 0, g = 0, tag = 0;
        for (Import imp : module.imports()) {
            Extern ext = resolver.resolve(imp.module(), imp.name());
            if (ext == null) {
                throw new UnlinkableException(imp.module(), imp.name(), "unknown import");
            }
            ImportDesc desc = imp.desc();
            if (desc instanceof ImportDesc.Func fd && ext instanceof FunctionInstance fn) {
                var expected = module.types().get(fd.typeIndex());
                if (!inst.store().isSubtype(fn.typeId, inst.typeIds[fd.typeIndex()])) {
                    throw incompatible(imp, "expected function " + expected + ", got " + fn.type);
                }
                inst.functions[f++] = fn;
            } else if (desc instanceof ImportDesc.Table td && ext instanceof TableInstance tab) {
                if (tab.type().elemCode() != TypeCanon.storeCode(inst, td.type().elemCode())
                        || !limitsMatch(tab.type().limits(), td.type().limits())) {
                    throw incompatible(imp, "expected table " + td.type() + ", got " + tab.type());
                }
                inst.tables[t++] = tab;
            } else if (desc instanceof ImportDesc.Memory md && ext instanceof MemoryInstance mem) {
                if (!limitsMatch(mem.type().limits(), md.type().limits())) {
                    throw incompatible(imp, "expected memory " + md.type() + ", got " + mem.type());
                }
                inst.memories[m++] = mem;
            } else if (desc instanceof ImportDesc.Global gd && ext instanceof GlobalInstance glob) {
                GlobalType want = TypeCanon.global(inst, gd.type());
                GlobalType have = glob.type();
                if (want.mutable() != have.mutable() || (want.mutable() ? want.code() != have.code()
                        : !TypeCanon.matches(inst.store(), have.code(), want.code()))) {
                    throw incompatible(imp, "expected global " + want + ", got " + glob.type());
                }
                inst.globals[g++] = glob;
            } else if (desc instanceof ImportDesc.Tag td && ext instanceof TagInstance ti) {
                var expected = module.types().get(td.typeIndex());
                int have = ti.typeId >= 0 ? ti.typeId : inst.store().typeId(ti.type());
                if (have != inst.typeIds[td.typeIndex()]) {
                    throw incompatible(imp, "expected tag " + expected + ", got " + ti.type());
                }
                inst.tags[tag++] = ti;
            } else {
                throw incompatible(imp, "expected a " + desc.kind() + ", got " + kindOf(ext));
            }
        }
    }

    private static String kindOf(Extern e) {
        if (e instanceof FunctionInstance) {
            return "function";
        }
        if (e instanceof TableInstance) {
            return "table";
        }
        if (e instanceof TagInstance) {
            return "tag";
        }
        return e instanceof MemoryInstance ? "memory" : "global";
    }

    private static UnlinkableException incompatible(Import imp, String why) {
        return new UnlinkableException(imp.module(), imp.name(), "incompatible import type (" + why + ")");
    }

    /** Import subtyping of limits: at least the minimum, and a maximum no larger than the expected one. */
    private static boolean limitsMatch(Limits actual, Limits expected) {
        if (actual.is64() != expected.is64() || Long.compareUnsigned(actual.min(), expected.min()) < 0) {
            return false;
        }
        if (!expected.hasMax()) {
            return true;
        }
        return actual.hasMax() && Long.compareUnsigned(actual.max(), expected.max()) <= 0;
    }
}
