package dev.trapdoor.engine.compile;

import dev.trapdoor.engine.validate.FunctionValidator;
import org.objectweb.asm.Opcodes;

import static dev.trapdoor.engine.compile.RuntimeNames.CONTEXT;
import static dev.trapdoor.engine.compile.RuntimeNames.CONTEXT_DESC;
import static dev.trapdoor.engine.compile.RuntimeNames.GLOBAL;

/**
 * Globals, references, tables, memory size and growth, and bulk memory: instructions that reach the instance,
 * emitted as field reads or calls to {@code JitInstanceOps}, which shares the interpreter's helpers.
 */
final class RuntimeOps implements Opcodes {
    private RuntimeOps() {
    }

    private static final String C = CONTEXT_DESC;

    static void emit(Emit e, Sites sites, int op, int moduleOffset, int top, FunctionValidator v, boolean hasMemory) {
        switch (op) {
            case 0x23 -> {
                global(e, v.immA);
                e.mv.visitFieldInsn(GETFIELD, GLOBAL, "value", "J");
                e.st(top);
            }
            case 0x24 -> globalSet(e, v.immA, top);
            case 0x25 -> {
                sites.begin(e, moduleOffset, op, -1, 0);
                e.context();
                e.iconst(v.immA);
                e.ldI(top - 1);
                instanceOp(e, "tableGet", "(" + C + "II)J");
                sites.end(e);
                e.st(top - 1);
            }
            case 0x26 -> {
                sites.begin(e, moduleOffset, op, -1, 0);
                e.context();
                e.iconst(v.immA);
                e.ldI(top - 2);
                e.ld(top - 1);
                instanceOp(e, "tableSet", "(" + C + "IIJ)V");
                sites.end(e);
            }
            case 0x3F -> {
                e.mv.visitVarInsn(ILOAD, Emit.MEM_SIZE);
                e.mv.visitIntInsn(BIPUSH, 16);
                e.mv.visitInsn(IUSHR);
                e.stI(top);
            }
            case 0x40 -> {
                e.context();
                e.ldI(top - 1);
                instanceOp(e, "memoryGrow", "(" + C + "I)I");
                e.stI(top - 1);
                e.reloadMemory();
            }
            case 0xD0 -> {
                e.lconst(-1L);
                e.st(top);
            }
            case 0xD1 -> {
                e.ld(top - 1);
                e.lconst(-1L);
                e.mv.visitInsn(LCMP);
                e.bool(IFEQ, top - 1);
            }
            case 0xD2 -> {
                e.context();
                e.iconst(v.immA);
                instanceOp(e, "refFunc", "(" + C + "I)J");
                e.st(top);
            }
            case 0xFC08 -> bulk(e, sites, moduleOffset, op, top, 3, "memoryInit", v.immA);
            case 0xFC09 -> {
                e.context();
                e.iconst(v.immA);
                instanceOp(e, "dataDrop", "(" + C + "I)V");
            }
            case 0xFC0A -> bulk(e, sites, moduleOffset, op, top, 3, "memoryCopy");
            case 0xFC0B -> bulk(e, sites, moduleOffset, op, top, 3, "memoryFill");
            case 0xFC0C -> bulk(e, sites, moduleOffset, op, top, 3, "tableInit", v.immB, v.immA);
            case 0xFC0D -> {
                e.context();
                e.iconst(v.immA);
                instanceOp(e, "elemDrop", "(" + C + "I)V");
            }
            case 0xFC0E -> bulk(e, sites, moduleOffset, op, top, 3, "tableCopy", v.immA, v.immB);
            case 0xFC0F -> {
                e.context();
                e.iconst(v.immA);
                e.ld(top - 2);
                e.ldI(top - 1);
                instanceOp(e, "tableGrow", "(" + C + "IJI)I");
                e.stI(top - 2);
            }
            case 0xFC10 -> {
                e.context();
                e.iconst(v.immA);
                instanceOp(e, "tableSize", "(" + C + "I)I");
                e.stI(top);
            }
            case 0xFC11 -> {
                sites.begin(e, moduleOffset, op, -1, 0);
                e.context();
                e.iconst(v.immA);
                e.ldI(top - 3);
                e.ld(top - 2);
                e.ldI(top - 1);
                instanceOp(e, "tableFill", "(" + C + "IIJI)V");
                sites.end(e);
            }
            default -> throw new IllegalStateException("no translation for opcode 0x" + Integer.toHexString(op));
        }
    }

    /** {@code global.set index} of the value below {@code top} (also a copied tail's step). */
    static void globalSet(Emit e, int index, int top) {
        global(e, index);
        e.ld(top - 1);
        e.mv.visitFieldInsn(PUTFIELD, GLOBAL, "value", "J");
    }

    private static void global(Emit e, int index) {
        e.context();
        e.mv.visitFieldInsn(GETFIELD, CONTEXT, "globals", "[L" + GLOBAL + ";");
        e.iconst(index);
        e.mv.visitInsn(AALOAD);
    }

    /** A bulk operation on {@code operands} i32 operands below the top, after constant immediates. */
    private static void instanceOp(Emit e, String name, String desc) {
        e.mv.visitMethodInsn(INVOKESTATIC, RuntimeNames.INSTANCE_OPS, name, desc, false);
    }

    private static void bulk(Emit e, Sites sites, int moduleOffset, int op, int top, int operands, String helper,
                             int... immediates) {
        sites.begin(e, moduleOffset, op, -1, 0);
        e.context();
        StringBuilder desc = new StringBuilder("(").append(C);
        for (int imm : immediates) {
            e.iconst(imm);
            desc.append('I');
        }
        for (int i = operands; i > 0; i--) {
            e.ldI(top - i);
            desc.append('I');
        }
        instanceOp(e, helper, desc.append(")V").toString());
        sites.end(e);
    }
}
