package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.debug.DebugFrame;
import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.ValType;

import java.util.Map;

/** A {@link DebugFrame} over the interpreter's value stack, valid for one stop only. */
final class FrameView implements DebugFrame {
    private final DebugSupport support;
    private final int generation;
    private final int index;
    /** Index of the frame in the interpreter's saved frames, or -1 for the innermost one. */
    private final int saved;
    private final FunctionInstance fn;
    /** The pc in {@code cf}; both change when the debugger moves the function's frames to new code. */
    private int pc;
    private CompiledFunction cf;
    private final int fp;
    /**
     * Where the frame's v128 high halves are in the interpreter's {@code hi} array: a frame of compiled code copied
     * out at a trap has its low halves in {@code slots} but its high halves at its own place ({@code compiledFp}).
     */
    private final int highFp;
    /** Where the frame's slots are: null for the interpreter's value stack, else a compiled frame's copy. */
    private final long[] slots;
    private ValType[] stackTypes;

    /** Index {@link #saved} takes for a captured frame: its code never changes. */
    private static final int FIXED = -2;

    FrameView(DebugSupport support, int generation, int index, int saved, FunctionInstance fn, int pc, int fp) {
        this.support = support;
        this.generation = generation;
        this.index = index;
        this.saved = saved;
        this.fn = fn;
        this.pc = pc;
        this.cf = fn.code;
        this.fp = fp;
        this.highFp = fp;
        this.slots = null;
    }

    /** A frame of a trap that reached the debugger after its JVM frames unwound. */
    FrameView(DebugSupport support, int generation, int index, CapturedFrame frame) {
        this.support = support;
        this.generation = generation;
        this.index = index;
        this.saved = FIXED;
        this.fn = frame.fn;
        this.cf = frame.code();
        this.pc = frame.pc();
        this.fp = frame.fp;
        this.highFp = frame.slots != null ? frame.compiledFp : frame.fp;
        this.slots = frame.slots;
    }

    private long[] values() {
        return slots != null ? slots : support.stack();
    }

    private CompiledFunction code() {
        pc();
        return cf;
    }

    private int pc() {
        if (saved != FIXED && cf != fn.code) {
            cf = fn.code;
            pc = support.framePc(saved, pc);
        }
        return pc;
    }

    private void check() {
        if (!isValid()) {
            throw new IllegalStateException("frame " + index + " (" + fn.name()
                    + ") is no longer valid: the program has resumed since this view was made");
        }
    }

    @Override
    public boolean isValid() {
        return support.generation() == generation;
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public int funcIndex() {
        return fn.funcIndex;
    }

    @Override
    public String functionName() {
        return fn.name();
    }

    @Override
    public int moduleOffset() {
        return code().moduleOffset(pc());
    }

    @Override
    public int localCount() {
        return cf.localCount;
    }

    @Override
    public int paramCount() {
        return cf.paramCount;
    }

    private void checkLocal(int local) {
        check();
        if (local < 0 || local >= cf.localCount) {
            throw new IndexOutOfBoundsException("local " + local + " of " + cf.localCount + " in " + fn.name());
        }
    }

    @Override
    public ValType localType(int local) {
        checkLocal(local);
        FuncType type = fn.type;
        return local < type.paramCount() ? type.param(local)
                : fn.instance.module.body(fn.funcIndex).locals()[local - type.paramCount()];
    }

    @Override
    public String localName(int local) {
        checkLocal(local);
        Map<Integer, String> names = fn.instance.names().localNames().get(fn.funcIndex);
        return names == null ? null : names.get(local);
    }

    @Override
    public long local(int local) {
        checkLocal(local);
        return Values.normalize(localType(local), values()[fp + local]);
    }

    @Override
    public void setLocal(int local, long value) {
        checkLocal(local);
        values()[fp + local] = Values.normalize(localType(local), value);
    }

    private ValType[] types() {
        check();
        if (stackTypes == null) {
            stackTypes = OperandTypes.at(fn.instance.context(), fn.funcIndex, moduleOffset());
        }
        return stackTypes;
    }

    @Override
    public int stackHeight() {
        return types().length;
    }

    private void checkStack(int i) {
        if (i < 0 || i >= types().length) {
            throw new IndexOutOfBoundsException("operand " + i + " of " + types().length + " in " + fn.name());
        }
    }

    @Override
    public ValType stackType(int i) {
        checkStack(i);
        return stackTypes[i];
    }

    @Override
    public long stack(int i) {
        checkStack(i);
        return Values.normalize(stackTypes[i], code().operandValue(pc(), i, values(), fp));
    }

    @Override
    public void setStack(int i, long value) {
        checkStack(i);
        int slot = code().operandSlot(pc(), i);
        if (slot < 0 && index == 0 && saved != FIXED && support.makeExact(fn)) {
            // The optimized code reads this operand from a local or a constant: the exact code gives it a slot.
            slot = code().operandSlot(pc(), i);
        }
        if (slot < 0) {
            throw new IllegalStateException("operand " + i + " of " + fn.name() + " cannot be set here: the"
                    + " optimized code reads it from a local or a constant, and " + (index == 0
                    ? "the frame cannot move to exact code at this instruction" : "only the innermost frame moves"
                    + " to exact code while stopped") + "; set the local instead");
        }
        values()[fp + slot] = Values.normalize(stackTypes[i], value);
    }

    @Override
    public long localHigh(int local) {
        checkLocal(local);
        return localType(local) == ValType.V128 ? support.high()[highFp + local] : 0;
    }

    @Override
    public void setLocalV128(int local, long low, long high) {
        checkLocal(local);
        if (localType(local) != ValType.V128) {
            throw new IllegalArgumentException("local " + local + " of " + fn.name() + " is a " + localType(local)
                    + ", not a v128");
        }
        values()[fp + local] = low;
        support.high()[highFp + local] = high;
    }

    @Override
    public long stackHigh(int i) {
        checkStack(i);
        int slot = code().operandValueSlot(pc(), i);
        return stackTypes[i] == ValType.V128 && slot >= 0 ? support.high()[highFp + slot] : 0;
    }

    @Override
    public void setStackV128(int i, long low, long high) {
        checkStack(i);
        if (stackTypes[i] != ValType.V128) {
            throw new IllegalArgumentException("operand " + i + " of " + fn.name() + " is a " + stackTypes[i]
                    + ", not a v128");
        }
        int slot = code().operandSlot(pc(), i);
        if (slot < 0) {
            throw new IllegalStateException("operand " + i + " of " + fn.name()
                    + " is not materialized at this instruction (it reads a local); set the local");
        }
        values()[fp + slot] = low;
        support.high()[highFp + slot] = high;
    }

    @Override
    public String toString() {
        return String.format("#%d 0x%x in %s", index, moduleOffset(), functionName());
    }
}
