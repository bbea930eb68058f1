package dev.trapdoor.engine.coredump;

import dev.trapdoor.engine.debug.DebugFrame;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.ValType;
import dev.trapdoor.engine.model.WasmModule;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A coredump frame seen through the debug API, so that everything that shows a stopped program's frames shows a
 * dump's. Types come from the program (a local's declaration; an operand's recorded type); a missing value reads as
 * 0, and an operand whose value is missing is shown as an i32. It is read-only: a coredump cannot be changed.
 */
public final class CoreDebugFrame implements DebugFrame {
    private final int index;
    private final CoreFrame frame;
    private final Instance instance;
    private final ValType[] localTypes;

    private CoreDebugFrame(int index, CoreFrame frame, Instance instance) {
        this.index = index;
        this.frame = frame;
        this.instance = instance;
        WasmModule module = instance.module();
        FuncType type = module.functionType(frame.funcIndex());
        ValType[] declared = module.body(frame.funcIndex()).locals();
        localTypes = new ValType[frame.locals().size()];
        for (int i = 0; i < localTypes.length; i++) {
            int local = i - type.paramCount();
            ValType t = i < type.paramCount() ? type.param(i) : local < declared.length ? declared[local] : null;
            CoreValue v = frame.locals().get(i);
            localTypes[i] = t != null ? t : v.missing() ? ValType.I32 : v.type();
        }
    }

    /** The dump's frames (innermost first) over an instance the dump was restored into. */
    public static List<DebugFrame> of(Coredump dump, Instance instance) {
        List<DebugFrame> out = new ArrayList<>();
        for (CoreFrame f : dump.frames()) {
            out.add(new CoreDebugFrame(out.size(), f, instance));
        }
        return out;
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public int funcIndex() {
        return frame.funcIndex();
    }

    @Override
    public String functionName() {
        return instance.functionName(frame.funcIndex());
    }

    @Override
    public int moduleOffset() {
        return CoreOffsets.moduleOffset(instance.module(), frame.funcIndex(), frame.codeOffset());
    }

    @Override
    public int localCount() {
        return localTypes.length;
    }

    @Override
    public int paramCount() {
        return Math.min(instance.module().functionType(frame.funcIndex()).paramCount(), localTypes.length);
    }

    @Override
    public ValType localType(int local) {
        return localTypes[local];
    }

    @Override
    public String localName(int local) {
        Map<Integer, String> names = instance.names().localNames().get(frame.funcIndex());
        return names == null ? null : names.get(local);
    }

    @Override
    public long local(int local) {
        return frame.locals().get(local).bits();
    }

    @Override
    public void setLocal(int local, long value) {
        throw readOnly();
    }

    @Override
    public int stackHeight() {
        return frame.stack().size();
    }

    @Override
    public ValType stackType(int i) {
        CoreValue v = frame.stack().get(i);
        return v.missing() ? ValType.I32 : v.type();
    }

    @Override
    public long stack(int i) {
        return frame.stack().get(i).bits();
    }

    @Override
    public void setStack(int i, long value) {
        throw readOnly();
    }

    @Override
    public boolean isValid() {
        return true;
    }

    private static IllegalStateException readOnly() {
        return new IllegalStateException("a coredump is read-only");
    }
}
