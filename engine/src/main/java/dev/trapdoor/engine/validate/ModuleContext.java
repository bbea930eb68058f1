package dev.trapdoor.engine.validate;

import dev.trapdoor.engine.model.ElementSegment;
import dev.trapdoor.engine.model.Export;
import dev.trapdoor.engine.model.ExternKind;
import dev.trapdoor.engine.model.Global;
import dev.trapdoor.engine.model.TypeCode;
import dev.trapdoor.engine.model.WasmModule;

import java.util.BitSet;

/**
 * What function bodies may refer to, derived once per module: the declared function references ({@code C.refs}:
 * functions named by element segments, exports and global initializers), used to check {@code ref.func}.
 */
public final class ModuleContext {
    final WasmModule module;
    final BitSet declaredRefs = new BitSet();
    final Subtyping subtyping;

    public ModuleContext(WasmModule module) {
        this.module = module;
        this.subtyping = new Subtyping(module);
        byte[] bytes = module.bytes();
        for (ElementSegment seg : module.elements()) {
            if (seg.funcIndices() != null) {
                for (int f : seg.funcIndices()) {
                    declaredRefs.set(f);
                }
            } else {
                seg.items().forEach(e -> scanRefFunc(bytes, e.moduleOffset(), e.endOffset()));
            }
        }
        for (Export e : module.exports()) {
            if (e.kind() == ExternKind.FUNC) {
                declaredRefs.set(e.index());
            }
        }
        for (Global g : module.globals()) {
            scanRefFunc(bytes, g.init().moduleOffset(), g.init().endOffset());
        }
        for (var t : module.tables()) {
            if (t.init() != null) {
                scanRefFunc(bytes, t.init().moduleOffset(), t.init().endOffset());
            }
        }
    }

    private void scanRefFunc(byte[] bytes, int from, int to) {
        // Constant expressions hold at most one ref.func; a malformed index is reported by the const validator.
        if (from < to && (bytes[from] & 0xFF) == 0xD2) {
            try {
                declaredRefs.set(new dev.trapdoor.engine.binary.ByteReader(bytes, from + 1, to).u32());
            } catch (RuntimeException ignored) {
                // Reported when the expression itself is validated.
            }
        }
    }

    /** Returns {@code code}, after checking that a type index it refers to exists. */
    int checkType(int code, FunctionValidator v) {
        if (TypeCode.isRef(code) && TypeCode.isIndex(TypeCode.heap(code))
                && TypeCode.heap(code) >= module.types().size()) {
            throw v.invalid("unknown type " + TypeCode.heap(code));
        }
        return code;
    }

    public Subtyping subtyping() {
        return subtyping;
    }

    public WasmModule module() {
        return module;
    }
}
