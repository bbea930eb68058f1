package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.error.WasmException;
import dev.trapdoor.engine.trap.Trap;
import dev.trapdoor.engine.trap.TrapKind;
import dev.trapdoor.engine.trap.WasmFrame;

import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs translated code. All frames of a store share one {@code long[]} value stack: a frame is its locals followed
 * by its operand slots, and a callee's frame starts at the caller's first argument slot, so arguments and results are
 * never copied. Wasm-to-Wasm calls push onto explicit frame arrays instead of recursing on the JVM stack; deep guest
 * recursion therefore ends in a "call stack exhausted" trap at a configurable depth.
 *
 * <p>{@link #run} is the dispatch loop and must stay under HotSpot's 8000-byte limit for compiled methods (a test
 * measures it): rare instructions are delegated to {@link FloatOps} and {@link SlowOps}.
 */
final class Interpreter {
    private static final VarHandle SHORT = MemoryInstance.SHORT;
    private static final VarHandle INT = MemoryInstance.INT;
    private static final VarHandle LONG = MemoryInstance.LONG;

    private final Store store;
    private final int maxDepth;
    private final int maxSlots;
    long[] stack = new long[4096];
    /** First free slot: where a new activation (an invoke from the host) puts its frame. */
    private int sp;
    /** Saved frames: the function, its frame pointer and the pc to resume at. */
    private FunctionInstance[] frameFn = new FunctionInstance[64];
    private int[] frameFp = new int[64];
    private int[] framePc = new int[64];
    private int depth;

    Interpreter(Store store) {
        this.store = store;
        this.maxDepth = store.config.maxCallDepth();
        this.maxSlots = store.config.maxValueStackSlots();
    }

    long[] invoke(FunctionInstance f, long[] args) {
        if (f.host != null) {
            try {
                return normalize(f, callHost(f, null, args));
            } catch (TrapSignal signal) {
                throw new Trap(signal.kind, signal.detail, -1, -1, List.of());
            }
        }
        int base = sp;
        int savedDepth = depth;
        ensureStack(base + args.length);
        System.arraycopy(args, 0, stack, base, args.length);
        try {
            CompiledFunction cf = compiled(f);
            try {
                enterCheck(cf, base, null, -1);
            } catch (TrapSignal signal) {
                throw new Trap(signal.kind, signal.detail, f.funcIndex, -1, List.of());
            }
            Arrays.fill(stack, base + cf.paramCount, base + cf.localCount, 0L);
            run(f, base);
            long[] results = Arrays.copyOfRange(stack, base, base + f.type.resultCount());
            return normalize(f, results);
        } finally {
            depth = savedDepth;
            sp = base;
        }
    }

    private static long[] normalize(FunctionInstance f, long[] results) {
        for (int i = 0; i < results.length; i++) {
            results[i] = Values.normalize(f.type.result(i), results[i]);
        }
        return results;
    }

    static CompiledFunction compiled(FunctionInstance f) {
        CompiledFunction cf = f.code;
        if (cf == null) {
            cf = f.code = Translator.translate(f.instance.context(), f.funcIndex);
        }
        return cf;
    }

    private void ensureStack(int slots) {
        if (slots > stack.length) {
            stack = Arrays.copyOf(stack, Math.max(slots, Math.min(maxSlots, stack.length * 2)));
        }
    }

    /** Checks the limits before a frame of {@code cf} at {@code fp} is pushed; grows the stack if needed. */
    private void enterCheck(CompiledFunction cf, int fp, FunctionInstance caller, int callerPc) {
        if (depth >= maxDepth || fp + cf.frameSize > maxSlots) {
            throw new TrapSignal(TrapKind.CALL_STACK_EXHAUSTED, "call depth " + depth + ", value stack slots "
                    + (fp + cf.frameSize) + " (limits " + maxDepth + " frames, " + maxSlots + " slots)");
        }
        ensureStack(fp + cf.frameSize);
    }

    private void pushFrame(FunctionInstance fn, int fp, int resumePc) {
        if (depth == frameFn.length) {
            int n = depth * 2;
            frameFn = Arrays.copyOf(frameFn, n);
            frameFp = Arrays.copyOf(frameFp, n);
            framePc = Arrays.copyOf(framePc, n);
        }
        frameFn[depth] = fn;
        frameFp[depth] = fp;
        framePc[depth] = resumePc;
        depth++;
    }

    private static byte[] memoryOf(Instance inst) {
        MemoryInstance m = inst.memory0;
        return m == null ? null : m.bytes;
    }

    /** Effective address of an access; any address at or above 2^31 becomes negative so the access faults. */
    static int ea(long base, int offset) {
        long e = (base & 0xFFFF_FFFFL) + (offset & 0xFFFF_FFFFL);
        return (int) (e | -(e >>> 31));
    }

    private static long bool(boolean b) {
        return b ? 1 : 0;
    }

    private static double d(long slot) {
        return Double.longBitsToDouble(slot);
    }

    private static long bits(double v) {
        return Double.doubleToRawLongBits(v);
    }

    /** The dispatch loop: runs {@code entry} (whose frame is set up at {@code entryFp}) until it returns. */
    private void run(FunctionInstance entry, int entryFp) {
        final int entryDepth = depth;
        FunctionInstance fn = entry;
        Instance inst = fn.instance;
        int[] code = fn.code.code;
        int fp = entryFp;
        int pc = 0;
        long[] s = stack;
        byte[] mem = memoryOf(inst);
        try {
            for (;;) {
                switch (code[pc]) {
                    case Op.COPY:
                        s[fp + code[pc + 1]] = s[fp + code[pc + 2]];
                        pc += 3;
                        continue;
                    case Op.CONST32:
                        s[fp + code[pc + 1]] = code[pc + 2];
                        pc += 3;
                        continue;
                    case Op.CONST64:
                        s[fp + code[pc + 1]] = (code[pc + 2] & 0xFFFF_FFFFL) | ((long) code[pc + 3] << 32);
                        pc += 4;
                        continue;
                    case Op.BR:
                        pc = code[pc + 1];
                        continue;
                    case Op.BR_IF:
                        pc = (int) s[fp + code[pc + 1]] != 0 ? code[pc + 2] : pc + 3;
                        continue;
                    case Op.BR_UNLESS:
                        pc = (int) s[fp + code[pc + 1]] == 0 ? code[pc + 2] : pc + 3;
                        continue;
                    case Op.BR_BACK:
                        pc = code[pc + 1];
                        continue;
                    case Op.BR_IF_BACK:
                        pc = (int) s[fp + code[pc + 1]] != 0 ? code[pc + 2] : pc + 3;
                        continue;
                    case Op.BR_TABLE: {
                        int n = code[pc + 2];
                        int i = (int) s[fp + code[pc + 1]];
                        pc = code[pc + 3 + (Integer.compareUnsigned(i, n) < 0 ? i : n)];
                        continue;
                    }
                    case Op.SELECT:
                        if ((int) s[fp + code[pc + 3]] == 0) {
                            s[fp + code[pc + 1]] = s[fp + code[pc + 2]];
                        }
                        pc += 4;
                        continue;
                    case Op.GLOBAL_GET:
                        s[fp + code[pc + 1]] = inst.globals[code[pc + 2]].value;
                        pc += 3;
                        continue;
                    case Op.GLOBAL_SET:
                        inst.globals[code[pc + 1]].value = s[fp + code[pc + 2]];
                        pc += 3;
                        continue;
                    case Op.CALL:
                    case Op.CALL_INDIRECT: {
                        FunctionInstance callee = code[pc] == Op.CALL
                                ? inst.functions[code[pc + 1]]
                                : SlowOps.indirectTarget(inst, code, pc, s, fp);
                        int argFp = fp + code[pc + (code[pc] == Op.CALL ? 2 : 3)];
                        int resume = pc + (code[pc] == Op.CALL ? 3 : 5);
                        if (callee.host != null) {
                            pushFrame(fn, fp, resume);
                            sp = fp + fn.code.frameSize;
                            callHostFromWasm(callee, inst, argFp);
                            depth--;
                            s = stack;
                            mem = memoryOf(inst);
                            pc = resume;
                            continue;
                        }
                        CompiledFunction cf = compiled(callee);
                        enterCheck(cf, argFp, fn, pc);
                        pushFrame(fn, fp, resume);
                        s = stack;
                        Arrays.fill(s, argFp + cf.paramCount, argFp + cf.localCount, 0L);
                        fn = callee;
                        code = cf.code;
                        fp = argFp;
                        pc = 0;
                        inst = callee.instance;
                        mem = memoryOf(inst);
                        continue;
                    }
                    case Op.RETURN:
                        if (depth == entryDepth) {
                            return;
                        }
                        depth--;
                        fn = frameFn[depth];
                        fp = frameFp[depth];
                        pc = framePc[depth];
                        frameFn[depth] = null;
                        code = fn.code.code;
                        inst = fn.instance;
                        mem = memoryOf(inst);
                        continue;
                    case 0x28: case 0x2A: case 0x34:
                        s[fp + code[pc + 1]] = (int) INT.get(mem, ea(s[fp + code[pc + 2]], code[pc + 3]));
                        pc += 4;
                        continue;
                    case 0x29: case 0x2B:
                        s[fp + code[pc + 1]] = (long) LONG.get(mem, ea(s[fp + code[pc + 2]], code[pc + 3]));
                        pc += 4;
                        continue;
                    case 0x2C: case 0x30:
                        s[fp + code[pc + 1]] = mem[ea(s[fp + code[pc + 2]], code[pc + 3])];
                        pc += 4;
                        continue;
                    case 0x2D: case 0x31:
                        s[fp + code[pc + 1]] = mem[ea(s[fp + code[pc + 2]], code[pc + 3])] & 0xFF;
                        pc += 4;
                        continue;
                    case 0x2E: case 0x32:
                        s[fp + code[pc + 1]] = (short) SHORT.get(mem, ea(s[fp + code[pc + 2]], code[pc + 3]));
                        pc += 4;
                        continue;
                    case 0x2F: case 0x33:
                        s[fp + code[pc + 1]] = (short) SHORT.get(mem, ea(s[fp + code[pc + 2]], code[pc + 3])) & 0xFFFF;
                        pc += 4;
                        continue;
                    case 0x35:
                        s[fp + code[pc + 1]] = (int) INT.get(mem, ea(s[fp + code[pc + 2]], code[pc + 3])) & 0xFFFF_FFFFL;
                        pc += 4;
                        continue;
                    case 0x36: case 0x38: case 0x3E:
                        INT.set(mem, ea(s[fp + code[pc + 1]], code[pc + 3]), (int) s[fp + code[pc + 2]]);
                        pc += 4;
                        continue;
                    case 0x37: case 0x39:
                        LONG.set(mem, ea(s[fp + code[pc + 1]], code[pc + 3]), s[fp + code[pc + 2]]);
                        pc += 4;
                        continue;
                    case 0x3A: case 0x3C:
                        mem[ea(s[fp + code[pc + 1]], code[pc + 3])] = (byte) s[fp + code[pc + 2]];
                        pc += 4;
                        continue;
                    case 0x3B: case 0x3D:
                        SHORT.set(mem, ea(s[fp + code[pc + 1]], code[pc + 3]), (short) s[fp + code[pc + 2]]);
                        pc += 4;
                        continue;
                    // i32 comparisons
                    case 0x45:
                        s[fp + code[pc + 1]] = bool((int) s[fp + code[pc + 2]] == 0);
                        pc += 3;
                        continue;
                    case 0x46:
                        s[fp + code[pc + 1]] = bool((int) s[fp + code[pc + 2]] == (int) s[fp + code[pc + 3]]);
                        pc += 4;
                        continue;
                    case 0x47:
                        s[fp + code[pc + 1]] = bool((int) s[fp + code[pc + 2]] != (int) s[fp + code[pc + 3]]);
                        pc += 4;
                        continue;
                    case 0x48:
                        s[fp + code[pc + 1]] = bool((int) s[fp + code[pc + 2]] < (int) s[fp + code[pc + 3]]);
                        pc += 4;
                        continue;
                    case 0x49:
                        s[fp + code[pc + 1]] = bool(Integer.compareUnsigned((int) s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]) < 0);
                        pc += 4;
                        continue;
                    case 0x4A:
                        s[fp + code[pc + 1]] = bool((int) s[fp + code[pc + 2]] > (int) s[fp + code[pc + 3]]);
                        pc += 4;
                        continue;
                    case 0x4B:
                        s[fp + code[pc + 1]] = bool(Integer.compareUnsigned((int) s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]) > 0);
                        pc += 4;
                        continue;
                    case 0x4C:
                        s[fp + code[pc + 1]] = bool((int) s[fp + code[pc + 2]] <= (int) s[fp + code[pc + 3]]);
                        pc += 4;
                        continue;
                    case 0x4D:
                        s[fp + code[pc + 1]] = bool(Integer.compareUnsigned((int) s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]) <= 0);
                        pc += 4;
                        continue;
                    case 0x4E:
                        s[fp + code[pc + 1]] = bool((int) s[fp + code[pc + 2]] >= (int) s[fp + code[pc + 3]]);
                        pc += 4;
                        continue;
                    case 0x4F:
                        s[fp + code[pc + 1]] = bool(Integer.compareUnsigned((int) s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]) >= 0);
                        pc += 4;
                        continue;
                    // i64 comparisons
                    case 0x50:
                        s[fp + code[pc + 1]] = bool(s[fp + code[pc + 2]] == 0);
                        pc += 3;
                        continue;
                    case 0x51:
                        s[fp + code[pc + 1]] = bool(s[fp + code[pc + 2]] == s[fp + code[pc + 3]]);
                        pc += 4;
                        continue;
                    case 0x52:
                        s[fp + code[pc + 1]] = bool(s[fp + code[pc + 2]] != s[fp + code[pc + 3]]);
                        pc += 4;
                        continue;
                    case 0x53:
                        s[fp + code[pc + 1]] = bool(s[fp + code[pc + 2]] < s[fp + code[pc + 3]]);
                        pc += 4;
                        continue;
                    case 0x54:
                        s[fp + code[pc + 1]] = bool(Long.compareUnsigned(s[fp + code[pc + 2]], s[fp + code[pc + 3]]) < 0);
                        pc += 4;
                        continue;
                    case 0x55:
                        s[fp + code[pc + 1]] = bool(s[fp + code[pc + 2]] > s[fp + code[pc + 3]]);
                        pc += 4;
                        continue;
                    case 0x56:
                        s[fp + code[pc + 1]] = bool(Long.compareUnsigned(s[fp + code[pc + 2]], s[fp + code[pc + 3]]) > 0);
                        pc += 4;
                        continue;
                    case 0x57:
                        s[fp + code[pc + 1]] = bool(s[fp + code[pc + 2]] <= s[fp + code[pc + 3]]);
                        pc += 4;
                        continue;
                    case 0x58:
                        s[fp + code[pc + 1]] = bool(Long.compareUnsigned(s[fp + code[pc + 2]], s[fp + code[pc + 3]]) <= 0);
                        pc += 4;
                        continue;
                    case 0x59:
                        s[fp + code[pc + 1]] = bool(s[fp + code[pc + 2]] >= s[fp + code[pc + 3]]);
                        pc += 4;
                        continue;
                    case 0x5A:
                        s[fp + code[pc + 1]] = bool(Long.compareUnsigned(s[fp + code[pc + 2]], s[fp + code[pc + 3]]) >= 0);
                        pc += 4;
                        continue;
                    // f64 comparisons
                    case 0x61:
                        s[fp + code[pc + 1]] = bool(d(s[fp + code[pc + 2]]) == d(s[fp + code[pc + 3]]));
                        pc += 4;
                        continue;
                    case 0x62:
                        s[fp + code[pc + 1]] = bool(d(s[fp + code[pc + 2]]) != d(s[fp + code[pc + 3]]));
                        pc += 4;
                        continue;
                    case 0x63:
                        s[fp + code[pc + 1]] = bool(d(s[fp + code[pc + 2]]) < d(s[fp + code[pc + 3]]));
                        pc += 4;
                        continue;
                    case 0x64:
                        s[fp + code[pc + 1]] = bool(d(s[fp + code[pc + 2]]) > d(s[fp + code[pc + 3]]));
                        pc += 4;
                        continue;
                    case 0x65:
                        s[fp + code[pc + 1]] = bool(d(s[fp + code[pc + 2]]) <= d(s[fp + code[pc + 3]]));
                        pc += 4;
                        continue;
                    case 0x66:
                        s[fp + code[pc + 1]] = bool(d(s[fp + code[pc + 2]]) >= d(s[fp + code[pc + 3]]));
                        pc += 4;
                        continue;
                    // i32 arithmetic
                    case 0x67:
                        s[fp + code[pc + 1]] = Integer.numberOfLeadingZeros((int) s[fp + code[pc + 2]]);
                        pc += 3;
                        continue;
                    case 0x68:
                        s[fp + code[pc + 1]] = Integer.numberOfTrailingZeros((int) s[fp + code[pc + 2]]);
                        pc += 3;
                        continue;
                    case 0x69:
                        s[fp + code[pc + 1]] = Integer.bitCount((int) s[fp + code[pc + 2]]);
                        pc += 3;
                        continue;
                    case 0x6A:
                        s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] + (int) s[fp + code[pc + 3]];
                        pc += 4;
                        continue;
                    case 0x6B:
                        s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] - (int) s[fp + code[pc + 3]];
                        pc += 4;
                        continue;
                    case 0x6C:
                        s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] * (int) s[fp + code[pc + 3]];
                        pc += 4;
                        continue;
                    case 0x6D:
                        s[fp + code[pc + 1]] = Arith.i32DivS((int) s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]);
                        pc += 4;
                        continue;
                    case 0x6E:
                        s[fp + code[pc + 1]] = Arith.i32DivU((int) s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]);
                        pc += 4;
                        continue;
                    case 0x6F:
                        s[fp + code[pc + 1]] = Arith.i32RemS((int) s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]);
                        pc += 4;
                        continue;
                    case 0x70:
                        s[fp + code[pc + 1]] = Arith.i32RemU((int) s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]);
                        pc += 4;
                        continue;
                    case 0x71:
                        s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] & (int) s[fp + code[pc + 3]];
                        pc += 4;
                        continue;
                    case 0x72:
                        s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] | (int) s[fp + code[pc + 3]];
                        pc += 4;
                        continue;
                    case 0x73:
                        s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] ^ (int) s[fp + code[pc + 3]];
                        pc += 4;
                        continue;
                    case 0x74:
                        s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] << (int) s[fp + code[pc + 3]];
                        pc += 4;
                        continue;
                    case 0x75:
                        s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] >> (int) s[fp + code[pc + 3]];
                        pc += 4;
                        continue;
                    case 0x76:
                        s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] >>> (int) s[fp + code[pc + 3]];
                        pc += 4;
                        continue;
                    case 0x77:
                        s[fp + code[pc + 1]] = Integer.rotateLeft((int) s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]);
                        pc += 4;
                        continue;
                    case 0x78:
                        s[fp + code[pc + 1]] = Integer.rotateRight((int) s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]);
                        pc += 4;
                        continue;
                    // i64 arithmetic
                    case 0x79:
                        s[fp + code[pc + 1]] = Long.numberOfLeadingZeros(s[fp + code[pc + 2]]);
                        pc += 3;
                        continue;
                    case 0x7A:
                        s[fp + code[pc + 1]] = Long.numberOfTrailingZeros(s[fp + code[pc + 2]]);
                        pc += 3;
                        continue;
                    case 0x7B:
                        s[fp + code[pc + 1]] = Long.bitCount(s[fp + code[pc + 2]]);
                        pc += 3;
                        continue;
                    case 0x7C:
                        s[fp + code[pc + 1]] = s[fp + code[pc + 2]] + s[fp + code[pc + 3]];
                        pc += 4;
                        continue;
                    case 0x7D:
                        s[fp + code[pc + 1]] = s[fp + code[pc + 2]] - s[fp + code[pc + 3]];
                        pc += 4;
                        continue;
                    case 0x7E:
                        s[fp + code[pc + 1]] = s[fp + code[pc + 2]] * s[fp + code[pc + 3]];
                        pc += 4;
                        continue;
                    case 0x7F:
                        s[fp + code[pc + 1]] = Arith.i64DivS(s[fp + code[pc + 2]], s[fp + code[pc + 3]]);
                        pc += 4;
                        continue;
                    case 0x80:
                        s[fp + code[pc + 1]] = Arith.i64DivU(s[fp + code[pc + 2]], s[fp + code[pc + 3]]);
                        pc += 4;
                        continue;
                    case 0x81:
                        s[fp + code[pc + 1]] = Arith.i64RemS(s[fp + code[pc + 2]], s[fp + code[pc + 3]]);
                        pc += 4;
                        continue;
                    case 0x82:
                        s[fp + code[pc + 1]] = Arith.i64RemU(s[fp + code[pc + 2]], s[fp + code[pc + 3]]);
                        pc += 4;
                        continue;
                    case 0x83:
                        s[fp + code[pc + 1]] = s[fp + code[pc + 2]] & s[fp + code[pc + 3]];
                        pc += 4;
                        continue;
                    case 0x84:
                        s[fp + code[pc + 1]] = s[fp + code[pc + 2]] | s[fp + code[pc + 3]];
                        pc += 4;
                        continue;
                    case 0x85:
                        s[fp + code[pc + 1]] = s[fp + code[pc + 2]] ^ s[fp + code[pc + 3]];
                        pc += 4;
                        continue;
                    case 0x86:
                        s[fp + code[pc + 1]] = s[fp + code[pc + 2]] << s[fp + code[pc + 3]];
                        pc += 4;
                        continue;
                    case 0x87:
                        s[fp + code[pc + 1]] = s[fp + code[pc + 2]] >> s[fp + code[pc + 3]];
                        pc += 4;
                        continue;
                    case 0x88:
                        s[fp + code[pc + 1]] = s[fp + code[pc + 2]] >>> s[fp + code[pc + 3]];
                        pc += 4;
                        continue;
                    case 0x89:
                        s[fp + code[pc + 1]] = Long.rotateLeft(s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]);
                        pc += 4;
                        continue;
                    case 0x8A:
                        s[fp + code[pc + 1]] = Long.rotateRight(s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]);
                        pc += 4;
                        continue;
                    // f64 arithmetic
                    case 0xA0:
                        s[fp + code[pc + 1]] = bits(d(s[fp + code[pc + 2]]) + d(s[fp + code[pc + 3]]));
                        pc += 4;
                        continue;
                    case 0xA1:
                        s[fp + code[pc + 1]] = bits(d(s[fp + code[pc + 2]]) - d(s[fp + code[pc + 3]]));
                        pc += 4;
                        continue;
                    case 0xA2:
                        s[fp + code[pc + 1]] = bits(d(s[fp + code[pc + 2]]) * d(s[fp + code[pc + 3]]));
                        pc += 4;
                        continue;
                    case 0xA3:
                        s[fp + code[pc + 1]] = bits(d(s[fp + code[pc + 2]]) / d(s[fp + code[pc + 3]]));
                        pc += 4;
                        continue;
                    case 0xA7:
                        s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]];
                        pc += 3;
                        continue;
                    case 0xAC:
                        s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]];
                        pc += 3;
                        continue;
                    case 0xAD:
                        s[fp + code[pc + 1]] = s[fp + code[pc + 2]] & 0xFFFF_FFFFL;
                        pc += 3;
                        continue;
                    case 0x5B: case 0x5C: case 0x5D: case 0x5E: case 0x5F: case 0x60:
                    case 0x92: case 0x93: case 0x94: case 0x95: case 0x96: case 0x97: case 0x98:
                    case 0xA4: case 0xA5: case 0xA6:
                        s[fp + code[pc + 1]] = FloatOps.binary(code[pc], s[fp + code[pc + 2]], s[fp + code[pc + 3]]);
                        pc += 4;
                        continue;
                    case 0x8B: case 0x8C: case 0x8D: case 0x8E: case 0x8F: case 0x90: case 0x91:
                    case 0x99: case 0x9A: case 0x9B: case 0x9C: case 0x9D: case 0x9E: case 0x9F:
                    case 0xA8: case 0xA9: case 0xAA: case 0xAB: case 0xAE: case 0xAF: case 0xB0: case 0xB1:
                    case 0xB2: case 0xB3: case 0xB4: case 0xB5: case 0xB6: case 0xB7: case 0xB8: case 0xB9: case 0xBA:
                    case 0xBB: case 0xBC: case 0xBD: case 0xBE: case 0xBF: case 0xC0: case 0xC1: case 0xC2: case 0xC3:
                    case 0xC4: case 0xE0: case 0xE1: case 0xE2: case 0xE3: case 0xE4: case 0xE5: case 0xE6: case 0xE7:
                        s[fp + code[pc + 1]] = FloatOps.unary(code[pc], s[fp + code[pc + 2]]);
                        pc += 3;
                        continue;
                    case Op.UNREACHABLE:
                        throw new TrapSignal(TrapKind.UNREACHABLE, "");
                    default:
                        pc = SlowOps.exec(inst, code, pc, s, fp);
                        mem = memoryOf(inst);
                        continue;
                }
            }
        } catch (TrapSignal signal) {
            throw trap(signal.kind, signal.detail, fn, pc);
        } catch (IndexOutOfBoundsException e) {
            int op = code[pc];
            if (op < 0x28 || op > 0x3E) {
                throw e;
            }
            throw trap(TrapKind.MEMORY_OUT_OF_BOUNDS, SlowOps.describeAccess(code, pc, stack, fp, mem), fn, pc);
        }
    }

    private void callHostFromWasm(FunctionInstance callee, Instance caller, int argFp) {
        int n = callee.type.paramCount();
        long[] args = Arrays.copyOfRange(stack, argFp, argFp + n);
        long[] results = callHost(callee, caller, args);
        int m = callee.type.resultCount();
        if (results == null || results.length != m) {
            throw new TrapSignal(TrapKind.HOST_FUNCTION_FAILED, callee.name() + " returned "
                    + (results == null ? "null" : results.length + " values") + ", expected " + m);
        }
        ensureStack(argFp + m);
        System.arraycopy(results, 0, stack, argFp, m);
    }

    private long[] callHost(FunctionInstance f, Instance caller, long[] args) {
        try {
            return f.host.call(caller, args);
        } catch (WasmException e) {
            throw e;
        } catch (StackOverflowError e) {
            throw new TrapSignal(TrapKind.CALL_STACK_EXHAUSTED, "host stack overflow in " + f.name());
        } catch (RuntimeException e) {
            throw new TrapSignal(TrapKind.HOST_FUNCTION_FAILED, f.name() + ": " + e);
        }
    }

    /** Builds the trap while every frame is still on the frame stack. */
    private Trap trap(TrapKind kind, String detail, FunctionInstance fn, int pc) {
        List<WasmFrame> frames = new ArrayList<>();
        frames.add(frame(fn, pc));
        for (int i = depth - 1; i >= 0; i--) {
            FunctionInstance f = frameFn[i];
            if (f != null && f.code != null) {
                frames.add(frame(f, framePc[i] - 1));
            }
        }
        WasmFrame top = frames.get(0);
        return new Trap(kind, detail, top.funcIndex(), top.moduleOffset(), frames);
    }

    private static WasmFrame frame(FunctionInstance f, int pc) {
        return new WasmFrame(f.funcIndex, f.name(), f.code.moduleOffset(pc));
    }
}
