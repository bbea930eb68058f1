package dev.trapdoor.engine.compile;

import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;

import static dev.trapdoor.engine.compile.RuntimeNames.PACKAGE;

/**
 * Whole v128 loads and stores in compiled code: the inline bounds check, the accesses as two {@code long}s or, when
 * the lanes are floats on the other side ({@link F32Lanes}), four ints, and the handler that packs lazy lanes for a
 * trap site's frame copy.
 */
final class SimdWholeAccess implements Opcodes {
    private final Emit e;
    private final HighHalves hi;
    private final F32Lanes lanes;

    SimdWholeAccess(Emit e, F32Lanes lanes) {
        this.e = e;
        this.hi = e.high;
        this.lanes = lanes;
    }

    /**
     * A whole v128 load or store, inline: the shared bounds check (which traps with the access described), then
     * two 8-byte accesses through the interpreter's {@code RawMemory}.
     */
    void whole(int addr, int value, int offset, boolean store, Label[] check, boolean floats) {
        int ea = hi.addressLocal();
        checkedAddress(addr, offset, store, ea, check);
        if (floats) {
            // The lanes are floats on the other side: four int accesses instead of packing or unpacking two longs.
            for (int lane = 0; lane < 4; lane++) {
                e.mv.visitVarInsn(LLOAD, Emit.MEM);
                e.mv.visitVarInsn(ILOAD, ea);
                if (lane > 0) {
                    e.iconst(4 * lane);
                    e.mv.visitInsn(IADD);
                }
                if (store) {
                    e.mv.visitVarInsn(FLOAD, lanes.local(value, lane));
                    e.mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "floatToRawIntBits", "(F)I", false);
                    e.mv.visitMethodInsn(INVOKESTATIC, RuntimeNames.RAW_MEMORY, "putInt", "(JII)V", false);
                } else {
                    e.mv.visitMethodInsn(INVOKESTATIC, RuntimeNames.RAW_MEMORY, "getInt", "(JI)I", false);
                    e.mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "intBitsToFloat", "(I)F", false);
                    e.mv.visitVarInsn(FSTORE, lanes.local(value, lane));
                }
            }
            return;
        }
        for (int half = 0; half < 2; half++) {
            e.mv.visitVarInsn(LLOAD, Emit.MEM);
            e.mv.visitVarInsn(ILOAD, ea);
            if (half == 1) {
                e.mv.visitIntInsn(BIPUSH, 8);
                e.mv.visitInsn(IADD);
            }
            if (store) {
                if (half == 0) {
                    e.ld(value);
                } else {
                    hi.ld(value);
                }
                e.mv.visitMethodInsn(INVOKESTATIC, RuntimeNames.RAW_MEMORY, "putLong", "(JIJ)V", false);
            } else {
                e.mv.visitMethodInsn(INVOKESTATIC, RuntimeNames.RAW_MEMORY, "getLong", "(JI)J", false);
                if (half == 0) {
                    e.st(value);
                } else {
                    hi.st(value);
                }
            }
        }
    }

    /**
     * When slots are lazy ({@link F32Lanes}): the labels of a handler around a whole access that packs them and
     * rethrows to the trap site's handler, which copies the frame; registered before the site's entry, which it must
     * precede. Null when no slot is lazy. The packing stays off the normal path, where the lanes go on as floats.
     */
    Label[] packCatch() {
        if (!lanes.anyLazy()) {
            return null;
        }
        Label[] pack = {new Label(), new Label(), new Label()};
        e.mv.visitTryCatchBlock(pack[0], pack[1], pack[2], "java/lang/Throwable");
        return pack;
    }

    void packFrom(Label[] pack) {
        if (pack != null) {
            e.mv.visitLabel(pack[0]);
        }
    }

    /** Ends {@link #packCatch}'s range; its handler, inside the trap site's range, packs and rethrows. */
    void packHandler(Label[] pack) {
        if (pack == null) {
            return;
        }
        Label done = new Label();
        e.mv.visitLabel(pack[1]);
        e.mv.visitJumpInsn(GOTO, done);
        e.mv.visitLabel(pack[2]);
        lanes.packAll(false);
        e.mv.visitInsn(ATHROW);
        e.mv.visitLabel(done);
    }

    /**
     * The labels of {@link #checkedAddress}'s bounds check and of its handler, whose exception-table entry must come
     * before the trap site's (the first entry that matches wins): call before {@code sites.begin}.
     */
    Label[] boundsCatch() {
        Label[] check = {new Label(), new Label(), new Label()};
        e.mv.visitTryCatchBlock(check[0], check[1], check[2], "java/lang/IndexOutOfBoundsException");
        return check;
    }

    /**
     * The effective address of a whole v128 access into int local {@code ea}, checked inline: the i32 address plus
     * the unsigned offset is negative when it reaches 2^31 (as {@code MemoryOps} computes it), and
     * {@code Objects.checkIndex(ea, size - 15)} (a range check to C2) passes it only when all 16 bytes are in bounds.
     * Only out of bounds does the code call {@code SimdMemory.address}, which throws the trap with the access
     * described: C2 sees an exception never thrown, and the helper's 73 bytes do not count against what it inlines
     * into the chunk.
     */
    private void checkedAddress(int addr, int offset, boolean store, int ea, Label[] check) {
        if (offset < 0) {
            // An offset of 2^31 or more: every address is out of bounds.
            e.iconst(-1);
        } else {
            e.ldI(addr);
            if (offset != 0) {
                e.iconst(offset);
                e.mv.visitInsn(IADD);
                e.ldI(addr);
                e.mv.visitIntInsn(BIPUSH, 31);
                e.mv.visitInsn(ISHR);
                e.mv.visitInsn(IOR);
            }
        }
        e.mv.visitVarInsn(ISTORE, ea);
        Label inBounds = new Label();
        e.mv.visitLabel(check[0]);
        e.mv.visitVarInsn(ILOAD, ea);
        e.mv.visitVarInsn(ILOAD, Emit.MEM_SIZE);
        e.mv.visitIntInsn(BIPUSH, 15);
        e.mv.visitInsn(ISUB);
        e.mv.visitMethodInsn(INVOKESTATIC, "java/util/Objects", "checkIndex", "(II)I", false);
        e.mv.visitInsn(POP);
        e.mv.visitLabel(check[1]);
        e.mv.visitJumpInsn(GOTO, inBounds);
        e.mv.visitLabel(check[2]);
        e.mv.visitInsn(POP);
        e.mv.visitVarInsn(ILOAD, Emit.MEM_SIZE);
        e.ld(addr);
        e.iconst(0);
        e.iconst(offset);
        e.mv.visitIntInsn(BIPUSH, 16);
        e.mv.visitInsn(store ? ICONST_1 : ICONST_0);
        e.mv.visitMethodInsn(INVOKESTATIC, PACKAGE + "SimdMemory", "address", "(IJIIIZ)I", false);
        e.mv.visitInsn(POP);
        e.mv.visitLabel(inBounds);
    }
}
