package dev.trapdoor.engine.compile;

import org.objectweb.asm.Opcodes;

import static dev.trapdoor.engine.compile.RuntimeNames.JIT_MEMORY;
import static dev.trapdoor.engine.compile.RuntimeNames.RAW_MEMORY;

/**
 * Loads and stores (0x28-0x3E) on memory 0's native storage at the address in {@link Emit#MEM}, through the same
 * {@code RawMemory} accessors as the interpreter. The index is first checked against the memory's size with
 * {@code Objects.checkIndex} (as the interpreter does; C2 compiles it as one compare); an access out of bounds throws
 * before it reads or writes anything, and nothing else checks it.
 *
 * <p>An access whose static offset is from 1 to 2^31 - 8 checks two indexes against {@code size}: the address, then its
 * last byte, {@code address + offset + width - 1} (less {@code width - 1}, the accessor's index). Once the
 * address is below {@code size < 2^31}, the last byte's index cannot wrap past 2^32, and an int sum that came out
 * negative is, unsigned, past every size. Both are a base plus a constant against one length, the shape C2 merges
 * ("range check smearing"): the accesses of clang -O0's {@code local.get $fp; i32.load offset=K} runs share their base,
 * and C2 keeps one check of the lowest and one of the highest offset instead of one per access. A merged check that
 * fails deoptimizes and the bytecode runs again from the first check, so the access that traps, and every store before
 * it, are the interpreter's. {@code -Dtrapdoor.jit.smearedChecks=false}: the older shape, below, for every access.
 */
final class MemoryOps implements Opcodes {
    static final boolean SMEARED = !"false".equals(System.getProperty("trapdoor.jit.smearedChecks"));
    /**
     * Whether an access is one call to {@code exec.JitMemory} (the checks and the raw access of the shape above, in a
     * method C1 does not inline and C2 does); {@code -Dtrapdoor.jit.memoryCalls=false}: inline, as before. Only with
     * smeared checks, whose shape the helpers have.
     */
    static final boolean CALLS = SMEARED && !"false".equals(System.getProperty("trapdoor.jit.memoryCalls"));
    /**
     * What C2 adds to a compile's inlined bytecode ({@code DesiredMethodLimit}: 8,000 bytes, the method's own
     * included; past it C2 inlines nothing more) for one access as a {@code JitMemory} call: the helper (50-55 bytes),
     * {@code sun.misc.Unsafe}'s accessor and up to two {@code Objects.checkIndex}; the inline shape costs about 35.
     */
    static final int CALL_C2_BYTES = 75;
    /** Room kept under C2's limit for the chunk's other inlined calls ({@code JitRt}, call sites' method handles). */
    private static final int OTHER_INLINES = 1000;

    /**
     * How much of C2's inlining budget a chunk of at most {@code budget} bytes may spend on {@code JitMemory} calls;
     * its accesses past that keep the inline shape. With the default budget (7,600) none: chunks of clang -O0 code
     * (an access every few instructions) already fill C2's budget with the inline shape, and accesses the helpers
     * pushed past it ran as calls (nbody-O0 4x slower). With {@code trapdoor run}'s 4,000, 3,000 bytes: 40 accesses a
     * chunk (benchmarks/RESULTS.md, session 22).
     */
    static int callAllowance(int budget) {
        return CALLS ? Math.max(0, ChunkBudget.C2_LIMIT - OTHER_INLINES - budget)
                : 0;
    }
    /**
     * Whether the inline shape calls {@code sun.misc.Unsafe} itself ({@code RawMemory.UNSAFE}, a null base, the
     * block's address plus the index) instead of {@code RawMemory}'s accessor: C2 stops inlining into a method once
     * its bytecode and its inlinees' pass 8,000 bytes ({@code DesiredMethodLimit}) and then calls the accessors out of
     * line, which in nbody-O2's one 6,922-byte chunk was the hot loop's 12 velocity loads and stores; Unsafe's
     * accessors are {@code @ForceInline}, which C2 inlines (late) past that limit. 6 bytes more per access in the
     * chunk. {@code -Dtrapdoor.jit.directUnsafe=false}: the accessor, as before.
     */
    static final boolean DIRECT = !"false".equals(System.getProperty("trapdoor.jit.directUnsafe"));
    /** Offsets up to this keep the last byte's index below 2^32 for any address below 2^31. */
    private static final long SMEARED_MAX_OFFSET = Integer.MAX_VALUE - 8;

    private MemoryOps() {
    }

    /**
     * Pushes the checked index the {@code RawMemory} accessor takes, {@code address + offset}: from {@link #address},
     * or, with the two checks, the last byte's index less {@code width - 1}. (An accessor taking the last byte's index
     * itself, tried, saved the chunk 2 bytes an access but cost C2's inlining budget 4: trees-O0's malloc and free then
     * left 30 accesses out of line, against 4.)
     */
    private static void index(Emit e, int addrSlot, long offset, int width) {
        if (!SMEARED || offset == 0 || offset > SMEARED_MAX_OFFSET) {
            // With no offset the address needs no sign fold, and one check against size - width + 1 is cheaper.
            address(e, addrSlot, offset, width);
            return;
        }
        e.ldI(addrSlot);
        checkIndex(e);
        e.iconst((int) offset + width - 1);
        e.mv.visitInsn(IADD);
        checkIndex(e);
        if (width > 1) {
            e.iconst(width - 1);
            e.mv.visitInsn(ISUB);
        }
    }

    /** {@code Objects.checkIndex(top, size)}. */
    private static void checkIndex(Emit e) {
        AccessLimits.push(e, -1);
        e.mv.visitMethodInsn(INVOKESTATIC, "java/util/Objects", "checkIndex", "(II)I", false);
    }

    static boolean isLoad(int op) {
        return op >= 0x28 && op <= 0x35;
    }

    static boolean isStore(int op) {
        return op >= 0x36 && op <= 0x3E;
    }

    /**
     * The effective address as an int: the i32 operand plus the unsigned static offset, negative (so the access
     * faults) whenever the real address reaches 2^31, which no memory does.
     */
    private static void address(Emit e, int addrSlot, long offset, int width) {
        if (offset >= Integer.MAX_VALUE) {
            // Every address faults; -1 still goes through the check below, the only one before the raw access.
            e.mv.visitInsn(ICONST_M1);
        } else {
            e.ldI(addrSlot);
        }
        if (offset != 0 && offset < Integer.MAX_VALUE) {
            e.iconst((int) offset);
            e.mv.visitInsn(IADD);
            e.ldI(addrSlot);
            e.mv.visitIntInsn(BIPUSH, 31);
            e.mv.visitInsn(ISHR);
            e.mv.visitInsn(IOR);
        }
        // Objects.checkIndex(a, size - width + 1)
        AccessLimits.push(e, width - 1);
        e.mv.visitMethodInsn(INVOKESTATIC, "java/util/Objects", "checkIndex", "(II)I", false);
    }

    /** Pushes what the access needs before its base: Unsafe and the null base object ({@link #DIRECT}). */
    private static void rawReceiver(Emit e) {
        if (DIRECT) {
            e.mv.visitFieldInsn(GETSTATIC, RAW_MEMORY, "UNSAFE", "Lsun/misc/Unsafe;");
            e.mv.visitInsn(ACONST_NULL);
        }
    }

    /**
     * The raw access on the base and the index ({@code type}: its JVM value, I, J, B or S); for a store the value is
     * pushed between them and this ({@code store}).
     */
    private static void raw(Emit e, String name, char type, boolean store) {
        if (!DIRECT) {
            e.mv.visitMethodInsn(INVOKESTATIC, RAW_MEMORY, name, store ? "(JI" + type + ")V" : "(JI)" + type, false);
            return;
        }
        e.mv.visitMethodInsn(INVOKEVIRTUAL, "sun/misc/Unsafe", name,
                store ? "(Ljava/lang/Object;J" + type + ")V" : "(Ljava/lang/Object;J)" + type, false);
    }

    /** With {@link #DIRECT}: the index widened and added to the base, under a store's value. */
    private static void rawAddress(Emit e) {
        if (DIRECT) {
            e.mv.visitInsn(I2L);
            e.mv.visitInsn(LADD);
        }
    }

    /**
     * Pushes what the access's raw accessor reads, and returns whether it did, for {@code JitMemory}'s {@code name}
     * instead: the base, the size, the address and the offset, leaving the value (for a store) and the call to the
     * caller ({@link #call}); false (nothing pushed) for the inline shape.
     */
    private static boolean callArgs(Emit e, int addrSlot, long offset) {
        if (offset > SMEARED_MAX_OFFSET || e.mv.memoryCallBytes + CALL_C2_BYTES > e.memoryCallBytes) {
            return false;
        }
        e.mv.memoryCallBytes += CALL_C2_BYTES;
        e.mv.visitVarInsn(LLOAD, Emit.MEM);
        e.mv.visitVarInsn(ILOAD, Emit.MEM_SIZE);
        e.ldI(addrSlot);
        e.iconst((int) offset);
        return true;
    }

    private static void call(Emit e, String name, String desc) {
        e.mv.visitMethodInsn(INVOKESTATIC, JIT_MEMORY, name, desc, false);
    }

    /**
     * Pushes what {@code name} reads ({@code type}: its JVM result, I, J, B or S): one {@code JitMemory} call where the
     * chunk's allowance lasts, else the inline shape.
     */
    private static void read(Emit e, int addrSlot, long offset, int width, String name, char type) {
        if (callArgs(e, addrSlot, offset)) {
            call(e, name, "(JIII)" + type);
        } else {
            rawReceiver(e);
            e.mv.visitVarInsn(LLOAD, Emit.MEM);
            index(e, addrSlot, offset, width);
            rawAddress(e);
            raw(e, name, type, false);
        }
    }

    /**
     * Stores the value slot's low {@code width} bytes with {@code name} ({@code type}: the raw accessor's value, I, J,
     * B or S; the {@code JitMemory} helpers take an int or a long and narrow it themselves).
     */
    private static void write(Emit e, int addrSlot, int valueSlot, long offset, int width, String name, char type) {
        boolean wide = type == 'J';
        if (callArgs(e, addrSlot, offset)) {
            loadValue(e, valueSlot, wide);
            call(e, name, "(JIII" + (wide ? 'J' : 'I') + ")V");
            return;
        }
        rawReceiver(e);
        e.mv.visitVarInsn(LLOAD, Emit.MEM);
        index(e, addrSlot, offset, width);
        rawAddress(e);
        loadValue(e, valueSlot, wide);
        if (type == 'B') {
            e.mv.visitInsn(I2B);
        } else if (type == 'S') {
            e.mv.visitInsn(I2S);
        }
        raw(e, name, type, true);
    }

    private static void loadValue(Emit e, int valueSlot, boolean wide) {
        if (wide) {
            e.ld(valueSlot);
        } else {
            e.ldI(valueSlot);
        }
    }

    static void load(Emit e, int op, int top, long offset) {
        int x = top - 1;
        switch (op) {
            case 0x28, 0x2A, 0x34, 0x35 -> {
                read(e, x, offset, 4, "getInt", 'I');
                if (op <= 0x2A && StackResults.ENABLED) {
                    // An i32's or f32's bits: an int for the next reader (StackResults), or widened by stI.
                    e.stI(x);
                    return;
                }
                e.mv.visitInsn(I2L);
                if (op == 0x35) {
                    e.mv.visitLdcInsn(0xFFFF_FFFFL);
                    e.mv.visitInsn(LAND);
                }
            }
            case 0x29, 0x2B -> read(e, x, offset, 8, "getLong", 'J');
            case 0x2C, 0x2D, 0x30, 0x31 -> {
                read(e, x, offset, 1, "getByte", 'B');
                if (op == 0x2D || op == 0x31) {
                    e.iconst(0xFF);
                    e.mv.visitInsn(IAND);
                }
                if (op <= 0x2D && StackResults.ENABLED) {
                    e.stI(x);
                    return;
                }
                e.mv.visitInsn(I2L);
            }
            default -> {
                read(e, x, offset, 2, "getShort", 'S');
                if (op == 0x2F || op == 0x33) {
                    e.mv.visitLdcInsn(0xFFFF);
                    e.mv.visitInsn(IAND);
                }
                if (op <= 0x2F && StackResults.ENABLED) {
                    e.stI(x);
                    return;
                }
                e.mv.visitInsn(I2L);
            }
        }
        e.st(x);
    }

    static void store(Emit e, int op, int top, long offset) {
        int addr = top - 2;
        int value = top - 1;
        switch (op) {
            case 0x36, 0x38, 0x3E -> write(e, addr, value, offset, 4, "putInt", 'I');
            case 0x37, 0x39 -> write(e, addr, value, offset, 8, "putLong", 'J');
            case 0x3A, 0x3C -> write(e, addr, value, offset, 1, "putByte", 'B');
            default -> write(e, addr, value, offset, 2, "putShort", 'S');
        }
    }
}
