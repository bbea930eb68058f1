package dev.trapdoor.engine.validate;

import dev.trapdoor.engine.error.InvalidModuleException;
import dev.trapdoor.engine.model.DataSegment;
import dev.trapdoor.engine.model.ElementSegment;
import dev.trapdoor.engine.model.Export;
import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.Global;
import dev.trapdoor.engine.model.Import;
import dev.trapdoor.engine.model.ImportDesc;
import dev.trapdoor.engine.model.Limits;
import dev.trapdoor.engine.model.MemoryType;
import dev.trapdoor.engine.model.SegmentMode;
import dev.trapdoor.engine.model.TableType;
import dev.trapdoor.engine.model.TypeCode;
import dev.trapdoor.engine.model.ValType;
import dev.trapdoor.engine.model.WasmModule;

import dev.trapdoor.engine.binary.ByteReader;
import dev.trapdoor.engine.error.MalformedModuleException;
import dev.trapdoor.engine.error.UnsupportedFeatureException;
import dev.trapdoor.engine.instr.ExpressionScanner;
import dev.trapdoor.engine.model.FunctionBody;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/** Validates a whole module: its declarations, constant expressions, segments, exports, start, and every body. */
public final class ModuleValidator {
    private static final long MAX_PAGES = 65536;
    /** memory64: 2^48 pages of 64 KiB span the whole 64-bit address space. */
    private static final long MAX_PAGES_64 = 1L << 48;

    private ModuleValidator() {
    }

    public static void validate(WasmModule module) {
        TypeIndexChecks.check(module);
        for (Import imp : module.imports()) {
            ImportDesc d = imp.desc();
            if (d instanceof ImportDesc.Func f) {
                checkTypeIndex(module, f.typeIndex(), imp.moduleOffset());
            } else if (d instanceof ImportDesc.Table t) {
                checkTable(t.type(), imp.moduleOffset());
            } else if (d instanceof ImportDesc.Memory m) {
                checkMemory(m.type(), imp.moduleOffset());
            }
        }
        for (int f = module.importedFunctionCount(); f < module.functionCount(); f++) {
            checkTypeIndex(module, module.functionTypeIndex(f), -1);
        }
        TagTypes.validate(module);
        for (int t = module.importedTableCount(); t < module.tables().size(); t++) {
            TableType tt = module.tables().get(t);
            checkTable(tt, -1);
            if (tt.init() != null) {
                ConstExprValidator.validate(module, tt.init(), tt.elemCode());
            } else if (!TypeCode.nullable(tt.elemCode())) {
                throw new InvalidModuleException(-1, -1, "type mismatch: a table of " + TypeCode.text(tt.elemCode())
                        + " needs an initializer");
            }
        }
        for (int m = module.importedMemoryCount(); m < module.memories().size(); m++) {
            checkMemory(module.memories().get(m), -1);
        }
        int visible = module.importedGlobalCount();
        for (Global g : module.globals()) {
            ConstExprValidator.validate(module, g.init(), g.type().code(), visible++);
        }
        validateExports(module);
        validateStart(module);
        for (ElementSegment seg : module.elements()) {
            validateElements(module, seg);
        }
        for (DataSegment seg : module.data()) {
            if (seg.mode() == SegmentMode.ACTIVE) {
                if (seg.memoryIndex() >= module.memories().size()) {
                    throw new InvalidModuleException(-1, seg.moduleOffset(), "unknown memory " + seg.memoryIndex());
                }
                boolean is64 = module.memories().get(seg.memoryIndex()).is64();
                ConstExprValidator.validate(module, seg.offset(), TypeCode.of(is64 ? ValType.I64 : ValType.I32),
                    module.globalTypes().size());
            }
        }
        ModuleContext ctx = new ModuleContext(module);
        FunctionValidator fv = new FunctionValidator(ctx, null);
        for (int f = module.importedFunctionCount(); f < module.functionCount(); f++) {
            try {
                fv.validate(f, module.body(f));
            } catch (InvalidModuleException e) {
                Optional<MalformedModuleException> malformed = malformedBodyAfter(module, f);
                if (malformed.isPresent()) {
                    throw malformed.get();
                }
                throw e;
            }
        }
    }

    /**
     * A body can be invalid early and malformed later; decoding comes first in the spec, so the malformation wins.
     * Scans the bodies from {@code first} on without type checking and returns the first encoding error, if any.
     */
    private static Optional<MalformedModuleException> malformedBodyAfter(WasmModule module, int first) {
        for (int f = first; f < module.functionCount(); f++) {
            FunctionBody body = module.body(f);
            ByteReader r = new ByteReader(module.bytes(), body.bodyOffset(), body.endOffset());
            try {
                int end = ExpressionScanner.skipToEnd(r);
                if (end != body.endOffset()) {
                    return Optional.of(new MalformedModuleException(end, "section size mismatch"));
                }
            } catch (MalformedModuleException malformed) {
                return Optional.of(malformed);
            } catch (UnsupportedFeatureException unsupported) {
                // Trapdoor cannot decode past it, so the invalid body found first is what it can report.
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static void checkTypeIndex(WasmModule module, int typeIndex, int moduleOffset) {
        if (typeIndex < 0 || typeIndex >= module.types().size()) {
            throw new InvalidModuleException(-1, moduleOffset, "unknown type " + Integer.toUnsignedString(typeIndex));
        }
        if (!module.types().get(typeIndex).isFunc()) {
            throw new InvalidModuleException(-1, moduleOffset, "type mismatch: type " + typeIndex
                    + " is not a function type");
        }
    }

    private static void checkTable(TableType t, int moduleOffset) {
        // A 64-bit table's limits are any u64.
        checkLimits(t.limits(), t.is64() ? -1L : 0xFFFF_FFFFL, moduleOffset, "table size");
    }

    private static void checkMemory(MemoryType m, int moduleOffset) {
        Limits l = m.limits();
        long bound = m.is64() ? MAX_PAGES_64 : MAX_PAGES;
        if (Long.compareUnsigned(l.min(), bound) > 0 || (l.hasMax() && Long.compareUnsigned(l.max(), bound) > 0)) {
            throw new InvalidModuleException(-1, moduleOffset, m.is64()
                    ? "memory size must be at most 2^48 pages (2^64 bytes)"
                    : "memory size must be at most 65536 pages (4GiB)");
        }
        checkLimits(l, bound, moduleOffset, "memory size");
    }

    private static void checkLimits(Limits l, long bound, int moduleOffset, String what) {
        if (l.hasMax() && Long.compareUnsigned(l.min(), l.max()) > 0) {
            throw new InvalidModuleException(-1, moduleOffset, "size minimum must not be greater than maximum");
        }
        if (Long.compareUnsigned(l.min(), bound) > 0 || (l.hasMax() && Long.compareUnsigned(l.max(), bound) > 0)) {
            throw new InvalidModuleException(-1, moduleOffset, what + " out of range");
        }
    }

    private static void validateExports(WasmModule module) {
        Set<String> names = new HashSet<>();
        for (Export e : module.exports()) {
            if (!names.add(e.name())) {
                throw new InvalidModuleException(-1, e.moduleOffset(), "duplicate export name \"" + e.name() + "\"");
            }
            int limit = switch (e.kind()) {
                case FUNC -> module.functionCount();
                case TABLE -> module.tables().size();
                case MEMORY -> module.memories().size();
                case GLOBAL -> module.globalTypes().size();
                case TAG -> module.tagCount();
            };
            if (e.index() < 0 || e.index() >= limit) {
                throw new InvalidModuleException(-1, e.moduleOffset(), "unknown " + e.kind() + " "
                        + Integer.toUnsignedString(e.index()));
            }
        }
    }

    private static void validateStart(WasmModule module) {
        int start = module.startFunction();
        if (start < 0) {
            return;
        }
        if (start >= module.functionCount()) {
            throw new InvalidModuleException(-1, -1, "unknown function " + start + " (the start function)");
        }
        FuncType t = module.functionType(start);
        if (t.paramCount() != 0 || t.resultCount() != 0) {
            throw new InvalidModuleException(start, -1, "start function must have type () -> (), has " + t);
        }
    }

    private static void validateElements(WasmModule module, ElementSegment seg) {
        if (seg.funcIndices() != null) {
            for (int f : seg.funcIndices()) {
                if (f < 0 || f >= module.functionCount()) {
                    throw new InvalidModuleException(-1, seg.moduleOffset(), "unknown function "
                            + Integer.toUnsignedString(f));
                }
            }
        } else {
            seg.items().forEach(item -> ConstExprValidator.validate(module, item, seg.typeCode(),
                    module.globalTypes().size()));
        }
        if (seg.mode() == SegmentMode.ACTIVE) {
            if (seg.tableIndex() < 0 || seg.tableIndex() >= module.tables().size()) {
                throw new InvalidModuleException(-1, seg.moduleOffset(), "unknown table " + seg.tableIndex());
            }
            if (!new Subtyping(module).matches(seg.typeCode(), module.tables().get(seg.tableIndex()).elemCode())) {
                throw new InvalidModuleException(-1, seg.moduleOffset(), "type mismatch: element segment of "
                        + seg.type() + " for a table of " + module.tables().get(seg.tableIndex()).elemType());
            }
            boolean is64 = module.tables().get(seg.tableIndex()).is64();
            ConstExprValidator.validate(module, seg.offset(), TypeCode.of(is64 ? ValType.I64 : ValType.I32),
                    module.globalTypes().size());
        }
    }
}
