package dev.trapdoor.engine.compile;

import dev.trapdoor.engine.instr.SimdOpcodes;
import dev.trapdoor.engine.instr.V128Presence;
import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.ValType;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.validate.FunctionValidator;
import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;

import java.util.function.IntUnaryOperator;

import static dev.trapdoor.engine.compile.RuntimeNames.CONTEXT;
import static dev.trapdoor.engine.compile.RuntimeNames.GLOBAL;
import static dev.trapdoor.engine.compile.RuntimeNames.INTERPRETER;
import static dev.trapdoor.engine.compile.RuntimeNames.PACKAGE;

/**
 * SIMD in compiled code: the 0xFD instructions, and the moves of v128 values (locals, select, globals, branch
 * values, results) that must carry both halves ({@link HighHalves}). The instructions vectorized loops use most are
 * plain bytecode on each half (bitwise, i32x4/i64x2/f32x4/f64x2 arithmetic: a helper call would count against what
 * C2 inlines into a big chunk and, past that, stay a call), whole loads and stores inline, splats and lane reads
 * small shared helpers ({@code SimdLanes.splatHalf}, {@code extract}), shuffles and wide lane reads inline
 * ({@link SimdShuffles}); every other one calls {@code SimdEval.eval} or
 * {@code SimdMemory}, the code the interpreter runs, so both tiers compute and trap alike. A helper with a v128 result returns its low half and leaves the high one in the
 * interpreter's {@code SimdScratch}, which the code reads right after the call. f32x4 results also stay in float
 * locals for the next f32x4 instruction ({@link F32Lanes}), unpacked until something else reads them.
 */
final class SimdEmitter implements Opcodes {
    /** The validator reports SIMD instructions as {@code BASE + sub}. */
    static final int BASE = 0xFD00;
    private static final String SCRATCH = PACKAGE + "SimdScratch";
    private static final String SCRATCH_DESC = "L" + SCRATCH + ";";
    private static final String LANES = PACKAGE + "SimdLanes";
    private static final String EVAL = PACKAGE + "SimdEval";
    private static final String SIMD_MEMORY = PACKAGE + "SimdMemory";

    private final Emit e;
    private final HighHalves hi;
    private final Sites sites;
    private final WasmModule module;
    private final FuncType type;
    private final ValType[] declared;
    /** The function may hold a v128 somewhere: only then do moves look at types. */
    private final boolean wide;
    private final F32Lanes lanes;
    private final SimdShuffles shuffles;
    private final SimdLookahead lookahead;
    private final SimdWholeAccess access;
    /** The instruction being emitted left its result's f32 lanes in {@link #lanes}. */
    private boolean producedLanes;
    /** The instruction being emitted is a wide access ({@link #wideAccess(int, int, int, int, FunctionValidator)}). */
    private boolean wideAccess;

    SimdEmitter(Emit e, Sites sites, WasmModule module, int funcIndex, IntUnaryOperator opSlot) {
        this.opSlot = opSlot;
        this.e = e;
        this.hi = e.high;
        this.sites = sites;
        this.module = module;
        this.type = module.functionType(funcIndex);
        this.declared = module.body(funcIndex).locals();
        this.wide = V128Presence.mayHoldV128(module, funcIndex);
        this.lanes = new F32Lanes(e);
        this.shuffles = new SimdShuffles(e);
        this.lookahead = new SimdLookahead(module.bytes());
        this.access = new SimdWholeAccess(e, lanes);
    }

    /**
     * The chunk budget for functions with SIMD in their body. Each whole v128 load or store is two VarHandle
     * accesses, which C2 inlines with about 150 bytes of bytecode each: a chunk of SIMD code reaches C2's
     * {@code DesiredMethodLimit} (8,000 bytes, the chunk and what it inlines) at about half the size of a scalar one,
     * and past it C2 stops inlining, and big loop bodies spill registers. Measured on the SIMD kernel pair
     * ({@code SimdBenchmark}, benchmarks/RESULTS.md, session 10): 4,000 bytes ran it 13% faster than 7,600.
     */
    static final int SIMD_CHUNK_BUDGET = 4000;

    /** {@code budget}, or {@link #SIMD_CHUNK_BUDGET} when smaller and function {@code funcIndex} has SIMD code. */
    static int chunkBudget(WasmModule module, int funcIndex, int budget) {
        return budget > SIMD_CHUNK_BUDGET && V128Presence.inBody(module, funcIndex) ? SIMD_CHUNK_BUDGET : budget;
    }

    /** The function may hold v128 values (its locals and operands then need their high halves moved too). */
    boolean wide() {
        return wide;
    }

    /**
     * Before each Wasm instruction of the function; {@code wideAccess}: it is an access to a memory other than 0 or
     * to a 64-bit memory ({@link WideOps}), a call that reads its operands' longs and leaves no lanes behind.
     */
    void instruction(int op, boolean wideAccess) {
        this.wideAccess = wideAccess;
        if (wide) {
            if (wideAccess) {
                lanes.opaque();
            } else {
                lanes.instruction(op);
            }
        }
    }

    private ValType localType(int i) {
        return i < type.paramCount() ? type.param(i) : declared[i - type.paramCount()];
    }

    private static boolean v128(ValType t) {
        return t == ValType.V128;
    }

    /**
     * Emits {@code op} if it is a SIMD instruction or a move of a v128; returns false for everything else, which the
     * caller translates as before.
     */
    boolean emit(int op, int moduleOffset, int h, FunctionValidator v, int top) {
        if (!wide) {
            return false;
        }
        this.v = v;
        switch (op) {
            case 0x20 -> {
                if (!v128(localType(v.immA))) {
                    return false;
                }
                e.copy(v.immA, top);
                hi.copy(v.immA, top);
                lanes.move(v.immA, top);
            }
            case 0x21, 0x22 -> {
                if (!v128(localType(v.immA))) {
                    return false;
                }
                e.copy(top - 1, v.immA);
                hi.copy(top - 1, v.immA);
                lanes.move(top - 1, v.immA);
            }
            case 0x1B, 0x1C -> {
                if (!v128(v.operandType(h - 2))) {
                    return false;
                }
                Label skip = new Label();
                e.ldI(top - 1);
                e.mv.visitJumpInsn(IFNE, skip);
                e.copy(top - 2, top - 3);
                hi.copy(top - 2, top - 3);
                e.mv.visitLabel(skip);
                lanes.forgetFrom(top - 3);
            }
            case 0x23, 0x24 -> {
                if (!v128(module.globalTypes().get(v.immA).type())) {
                    return false;
                }
                global(v.immA);
                if (op == 0x23) {
                    lanes.forget(top);
                    e.mv.visitInsn(DUP);
                    e.mv.visitFieldInsn(GETFIELD, GLOBAL, "value", "J");
                    e.st(top);
                    e.mv.visitFieldInsn(GETFIELD, GLOBAL, "hi", "J");
                    hi.st(top);
                } else {
                    e.mv.visitInsn(DUP);
                    e.ld(top - 1);
                    e.mv.visitFieldInsn(PUTFIELD, GLOBAL, "value", "J");
                    hi.ld(top - 1);
                    e.mv.visitFieldInsn(PUTFIELD, GLOBAL, "hi", "J");
                }
            }
            default -> {
                if (op < BASE) {
                    return false;
                }
                instruction(op - BASE, moduleOffset, h, v);
            }
        }
        return true;
    }

    private void global(int index) {
        e.context();
        e.mv.visitFieldInsn(GETFIELD, CONTEXT, "globals", "[L" + GLOBAL + ";");
        e.iconst(index);
        e.mv.visitInsn(AALOAD);
    }

    /** A branch value moves from operand {@code index} (slot {@code from}) to slot {@code to}. */
    void branchValue(int index, int from, int to) {
        if (wide && from != to && v128(v.operandType(index))) {
            hi.copy(from, to);
        }
    }

    /** The function's result {@code i}, now in slot {@code from}, goes to the value stack at {@code fp + i}. */
    void returnValue(int i, int from) {
        if (wide && v128(type.result(i))) {
            hi.array();
            e.mv.visitVarInsn(ILOAD, Emit.FP);
            if (i != 0) {
                e.iconst(i);
                e.mv.visitInsn(IADD);
            }
            hi.ld(from);
            e.mv.visitInsn(LASTORE);
        }
    }

    /**
     * At the function's start (chunk 0's entry 0 or a typed entry): v128 parameters' high halves come from the
     * interpreter's array, every other high half the chunk holds starts 0; declared v128 locals this chunk does not
     * hold are zeroed in the array, where later chunks will read them.
     */
    void startOfFunction() {
        if (!wide) {
            return;
        }
        java.util.BitSet params = hi.used.get(0, type.paramCount());
        hi.fill(params);
        hi.zeroLocals(type.paramCount());
        int from = -1;
        int to = -1;
        for (int i = 0; i < declared.length; i++) {
            int slot = type.paramCount() + i;
            if (v128(declared[i]) && !hi.used.get(slot)) {
                from = from < 0 ? slot : from;
                to = slot + 1;
            }
        }
        if (from >= 0) {
            hi.zeroInArray(from, to);
        }
    }

    // ----- the instructions -----

    private void instruction(int sub, int moduleOffset, int h, FunctionValidator v) {
        int op = BASE + sub;
        producedLanes = false;
        int written = switch (SimdOpcodes.shape(sub)) {
            case CONST -> slot(h);
            case STORE, STORE_LANE -> -1;
            case LOAD_LANE, SHUFFLE, REPLACE, SHIFT -> slot(h - 2);
            case BINARY -> slot(h - 2);
            case TERNARY -> slot(h - 3);
            default -> slot(h - 1);
        };
        emitInstruction(sub, op, moduleOffset, h, v);
        if (written >= 0 && !producedLanes) {
            lanes.forget(written);
        }
    }

    private void emitInstruction(int sub, int op, int moduleOffset, int h, FunctionValidator v) {
        if (wideAccess) {
            wideAccess(sub, op, moduleOffset, h, v);
            return;
        }
        switch (SimdOpcodes.shape(sub)) {
            case CONST -> {
                e.lconst(v.immL);
                e.st(slot(h));
                e.lconst(v.immH);
                hi.st(slot(h));
            }
            case LOAD -> {
                int x = slot(h - 1);
                Label[] check = sub == 0x00 ? access.boundsCatch() : null;
                Label[] pack = sub == 0x00 ? access.packCatch() : null;
                sites.begin(e, moduleOffset, op, -1, 0);
                if (sub == 0x00) {
                    access.packFrom(pack);
                    boolean floats = lookahead.loadFeedsF32(moduleOffset);
                    access.whole(x, x, (int) v.immL, false, check, floats);
                    access.packHandler(pack);
                    if (floats) {
                        lanes.setLazy(x);
                        producedLanes = true;
                    }
                } else {
                    pushScratch();
                    e.iconst(sub);
                    memory();
                    e.ld(x);
                    e.iconst(0);
                    e.iconst((int) v.immL);
                    pushScratch();
                    simdMemory("load", "(IJIJII" + SCRATCH_DESC + ")J");
                    v128Result(x);
                }
                sites.end(e);
            }
            case STORE -> {
                Label[] check = access.boundsCatch();
                Label[] pack = access.packCatch();
                sites.begin(e, moduleOffset, op, -1, 0);
                access.packFrom(pack);
                access.whole(slot(h - 2), slot(h - 1), (int) v.immL, true, check, lanes.has(slot(h - 1)));
                access.packHandler(pack);
                sites.end(e);
                lanes.consumed(slot(h - 1));
            }
            case LOAD_LANE, STORE_LANE -> {
                boolean load = SimdOpcodes.shape(sub) == SimdOpcodes.Shape.LOAD_LANE;
                int addr = slot(h - 2);
                int vec = slot(h - 1);
                sites.begin(e, moduleOffset, op, -1, 0);
                if (load) {
                    pushScratch();
                }
                e.iconst(sub);
                memory();
                e.ld(addr);
                e.iconst(0);
                e.iconst((int) v.immL);
                e.iconst(v.immA);
                e.ld(vec);
                hi.ld(vec);
                if (load) {
                    pushScratch();
                    simdMemory("loadLane", "(IJIJIIIJJ" + SCRATCH_DESC + ")J");
                    v128Result(addr);
                } else {
                    simdMemory("storeLane", "(IJIJIIIJJ)V");
                }
                sites.end(e);
            }
            case SPLAT -> {
                int x = slot(h - 1);
                e.iconst(sub);
                e.ld(x);
                e.mv.visitMethodInsn(INVOKESTATIC, LANES, "splatHalf", "(IJ)J", false);
                e.mv.visitInsn(DUP2);
                e.st(x);
                hi.st(x);
            }
            case EXTRACT -> {
                int x = slot(h - 1);
                if (shuffles.extract(sub, x, v.immA)) {
                    return;
                }
                e.iconst(sub);
                e.ld(x);
                hi.ld(x);
                e.iconst(v.immA);
                e.mv.visitMethodInsn(INVOKESTATIC, LANES, "extract", "(IJJI)J", false);
                e.st(x);
            }
            case UNARY, BINARY, TERNARY -> {
                int arity = SimdOpcodes.shape(sub) == SimdOpcodes.Shape.UNARY ? 1
                        : SimdOpcodes.shape(sub) == SimdOpcodes.Shape.BINARY ? 2 : 3;
                int a = slot(h - arity);
                if (!perHalf(sub, a, slot(h - arity + 1), arity == 3 ? slot(h - 1) : -1)) {
                    eval(sub, 0, a, arity > 1 ? a + 1 : -1, false, arity > 2 ? a + 2 : -1, true, a);
                }
            }
            case SHUFFLE -> shuffles.shuffle(slot(h - 2), v.immL, v.immH);
            case REPLACE, SHIFT -> eval(sub, v.immA, slot(h - 2), slot(h - 1), true, -1, true, slot(h - 2));
            case TEST -> eval(sub, 0, slot(h - 1), -1, false, -1, false, slot(h - 1));
            default -> throw new IllegalStateException("SIMD shape of " + sub);
        }
    }

    /**
     * A load or store on a memory other than 0 or on a 64-bit memory: a call of the interpreter's
     * {@code SimdWideAccess}, which checks the bounds in 64 bits and throws the access's trap.
     */
    private void wideAccess(int sub, int op, int moduleOffset, int h, FunctionValidator v) {
        SimdOpcodes.Shape shape = SimdOpcodes.shape(sub);
        boolean lane = shape == SimdOpcodes.Shape.LOAD_LANE || shape == SimdOpcodes.Shape.STORE_LANE;
        boolean load = shape == SimdOpcodes.Shape.LOAD || shape == SimdOpcodes.Shape.LOAD_LANE;
        int addr = slot(shape == SimdOpcodes.Shape.LOAD ? h - 1 : h - 2);
        sites.begin(e, moduleOffset, op, -1, 0);
        if (load) {
            pushScratch();
        }
        e.context();
        e.mv.visitFieldInsn(GETFIELD, CONTEXT, "inst", "L" + RuntimeNames.INSTANCE + ";");
        StringBuilder desc = new StringBuilder("(L" + RuntimeNames.INSTANCE + ";");
        if (shape != SimdOpcodes.Shape.STORE) {
            e.iconst(sub);
            desc.append('I');
        }
        e.iconst(v.memoryIndex);
        e.iconst(module.memories().get(v.memoryIndex).is64() ? 1 : 0);
        e.ld(addr);
        e.lconst(v.immL);
        desc.append("IZJJ");
        if (lane) {
            e.iconst(v.immA);
            desc.append('I');
        }
        if (shape != SimdOpcodes.Shape.LOAD) {
            int value = slot(h - 1);
            e.ld(value);
            hi.ld(value);
            desc.append("JJ");
        }
        if (load) {
            pushScratch();
            desc.append(SCRATCH_DESC).append(")J");
        } else {
            desc.append(")V");
        }
        String name = switch (shape) {
            case LOAD -> "load";
            case STORE -> "store";
            case LOAD_LANE -> "loadLane";
            default -> "storeLane";
        };
        e.mv.visitMethodInsn(INVOKESTATIC, PACKAGE + "SimdWideAccess", name, desc.toString(), false);
        if (load) {
            v128Result(addr);
        }
        sites.end(e);
    }

    private int slot(int height) {
        return opSlot.applyAsInt(height);
    }

    /** Frame slot of an operand height. */
    private final IntUnaryOperator opSlot;
    /** The validator at the instruction being translated, for the types of branch values. */
    private FunctionValidator v;

    /** {@code x}: the interpreter's {@code SimdScratch}. */
    private void pushScratch() {
        e.context();
        e.mv.visitFieldInsn(GETFIELD, CONTEXT, "in", "L" + INTERPRETER + ";");
        e.mv.visitFieldInsn(GETFIELD, INTERPRETER, "simd", SCRATCH_DESC);
    }

    /** Memory 0's address and size. */
    private void memory() {
        e.mv.visitVarInsn(LLOAD, Emit.MEM);
        e.mv.visitVarInsn(ILOAD, Emit.MEM_SIZE);
    }

    private void simdMemory(String name, String desc) {
        e.mv.visitMethodInsn(INVOKESTATIC, SIMD_MEMORY, name, desc, false);
    }

    /** With {@code [x, lo]} on the stack (a helper's result and the scratch below it): both halves into {@code dst}. */
    private void v128Result(int dst) {
        e.mv.visitInsn(DUP2_X1);
        e.mv.visitInsn(POP2);
        e.mv.visitFieldInsn(GETFIELD, SCRATCH, "hi", "J");
        hi.st(dst);
        e.st(dst);
    }

    /**
     * {@code SimdEval.eval} over operands in slots {@code a}, {@code b}, {@code c} (-1: none); a {@code bScalar} b
     * passes only its value (a lane value or shift count); the result, v128 or not ({@code v128Result}), to {@code d}.
     */
    private void eval(int sub, int lane, int a, int b, boolean bScalar, int c, boolean v128Result, int d) {
        if (v128Result) {
            pushScratch();
        }
        e.iconst(sub);
        e.iconst(lane);
        operand(a, false);
        operand(b, bScalar);
        operand(c, false);
        pushScratch();
        e.mv.visitMethodInsn(INVOKESTATIC, EVAL, "eval", "(IIJJJJJJ" + SCRATCH_DESC + ")J", false);
        if (v128Result) {
            v128Result(d);
        } else {
            e.st(d);
        }
    }

    /** Before the translator cuts the chunk (an exit to the next one, which reads every slot's longs). */
    void beforeCut() {
        if (wide) {
            lanes.packAll(true);
        }
    }

    private void operand(int slot, boolean scalar) {
        if (slot < 0) {
            e.mv.visitInsn(LCONST_0);
            e.mv.visitInsn(LCONST_0);
            return;
        }
        e.ld(slot);
        if (scalar) {
            e.mv.visitInsn(LCONST_0);
        } else {
            hi.ld(slot);
        }
    }


    /**
     * The lane-wise instructions whose result half depends only on the same half of the operands, as bytecode per
     * half; false for the others.
     */
    private boolean perHalf(int sub, int a, int b, int c) {
        int jvmOp;
        switch (sub) {
            case 0x4D -> jvmOp = LXOR; // not: x ^ -1
            case 0x4E, 0x4F -> jvmOp = LAND;
            case 0x50 -> jvmOp = LOR;
            case 0x51 -> jvmOp = LXOR;
            case 0xCE -> jvmOp = LADD;
            case 0xD1 -> jvmOp = LSUB;
            case 0xAE, 0xB1, 0xB5 -> {
                i32x4(sub, a, b);
                return true;
            }
            case 0xE4, 0xE5, 0xE6, 0xE7, 0xF0, 0xF1, 0xF2, 0xF3 -> {
                floats(sub, a, b);
                return true;
            }
            case 0x52 -> {
                bitselect(a, b, c);
                return true;
            }
            default -> {
                return false;
            }
        }
        for (int half = 0; half < 2; half++) {
            half(half, a);
            if (sub == 0x4D) {
                e.mv.visitInsn(LCONST_1);
                e.mv.visitInsn(LNEG);
            } else {
                half(half, b);
                if (sub == 0x4F) {
                    e.mv.visitInsn(LCONST_1);
                    e.mv.visitInsn(LNEG);
                    e.mv.visitInsn(LXOR);
                }
            }
            e.mv.visitInsn(jvmOp);
        }
        // Both halves are on the stack (low below high): the destination is an input, written only now.
        hi.st(a);
        e.st(a);
        return true;
    }

    /**
     * {@code i32x4.add}, {@code sub} and {@code mul} as plain bytecode on each half (two i32 lanes in a long): a call
     * to a helper would count against what C2 may inline into a big chunk, and past that limit stay a call.
     */
    private void i32x4(int sub, int a, int b) {
        for (int half = 0; half < 2; half++) {
            if (sub == 0xB5) {
                // Low lane: the low 32 bits of the 64-bit product a * b are those of the low lanes' product. High
                // lane: (a with its low lane cleared) * (b's high lane) is the high lanes' product shifted up, with
                // zero low bits. Two multiplies and four other operations, without moving lanes into int registers.
                half(half, a);
                half(half, b);
                e.mv.visitInsn(LMUL);
                e.lconst(0xFFFF_FFFFL);
                e.mv.visitInsn(LAND);
                half(half, a);
                e.lconst(0xFFFF_FFFF_0000_0000L);
                e.mv.visitInsn(LAND);
                half(half, b);
                e.iconst(32);
                e.mv.visitInsn(LUSHR);
                e.mv.visitInsn(LMUL);
                e.mv.visitInsn(LOR);
                continue;
            }
            // The 64-bit sum (difference) r is right but for the carry (borrow) from the low lanes into bit 32,
            // which is bit 32 of a ^ b ^ r: take it out (put it back). Five operations per half.
            half(half, a);
            half(half, b);
            e.mv.visitInsn(sub == 0xAE ? LADD : LSUB);
            e.mv.visitInsn(DUP2);
            half(half, a);
            e.mv.visitInsn(LXOR);
            half(half, b);
            e.mv.visitInsn(LXOR);
            e.lconst(1L << 32);
            e.mv.visitInsn(LAND);
            e.mv.visitInsn(sub == 0xAE ? LSUB : LADD);
        }
        hi.st(a);
        e.st(a);
    }

    /**
     * f32x4 and f64x2 add, sub, mul and div as plain bytecode per lane (for C2's inlining limit, as {@link #i32x4}):
     * the same float operations on the same bits as {@code SimdFast}. f32x4 lanes come from and go to
     * {@link F32Lanes} as well, so that a chain of them does not unpack what the previous one packed.
     */
    private void floats(int sub, int a, int b) {
        boolean f64 = sub >= 0xF0;
        int k = sub - (f64 ? 0xF0 : 0xE4);
        int jvmOp = (f64 ? new int[]{DADD, DSUB, DMUL, DDIV} : new int[]{FADD, FSUB, FMUL, FDIV})[k];
        if (!f64) {
            // Every lane of both operands is read before the result's lanes are written (lane i of a last by lane i).
            for (int lane = 0; lane < 4; lane++) {
                f32Lane(a, lane);
                f32Lane(b, lane);
                e.mv.visitInsn(jvmOp);
                e.mv.visitVarInsn(FSTORE, lanes.local(a, lane));
            }
            // The result's longs are written only where something reads them (F32Lanes.packAll).
            lanes.setLazy(a);
            lanes.consumed(b);
            producedLanes = true;
            return;
        }
        for (int half = 0; half < 2; half++) {
            half(half, a);
            e.mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "longBitsToDouble", "(J)D", false);
            half(half, b);
            e.mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "longBitsToDouble", "(J)D", false);
            e.mv.visitInsn(jvmOp);
            e.mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "doubleToRawLongBits", "(D)J", false);
        }
        hi.st(a);
        e.st(a);
    }

    /** Lane {@code lane} of the v128 in {@code slot} as a float: forwarded, or unpacked from its half. */
    private void f32Lane(int slot, int lane) {
        if (lanes.has(slot)) {
            e.mv.visitVarInsn(FLOAD, lanes.local(slot, lane));
            return;
        }
        half(lane >> 1, slot);
        if ((lane & 1) == 1) {
            e.iconst(32);
            e.mv.visitInsn(LUSHR);
        }
        e.mv.visitInsn(L2I);
        e.mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "intBitsToFloat", "(I)F", false);
    }

    private void half(int half, int slot) {
        if (half == 0) {
            e.ld(slot);
        } else {
            hi.ld(slot);
        }
    }

    /** {@code v128.bitselect}: {@code a & c | b & ~c}, per half. */
    private void bitselect(int a, int b, int c) {
        for (int half = 0; half < 2; half++) {
            half(half, a);
            half(half, c);
            e.mv.visitInsn(LAND);
            half(half, b);
            half(half, c);
            e.mv.visitInsn(LCONST_1);
            e.mv.visitInsn(LNEG);
            e.mv.visitInsn(LXOR);
            e.mv.visitInsn(LAND);
            e.mv.visitInsn(LOR);
        }
        hi.st(a);
        e.st(a);
    }
}
