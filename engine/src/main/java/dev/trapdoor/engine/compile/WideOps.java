package dev.trapdoor.engine.compile;

import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.validate.FunctionValidator;
import dev.trapdoor.engine.validate.WideAccesses;
import org.objectweb.asm.Opcodes;

import static dev.trapdoor.engine.compile.RuntimeNames.CONTEXT;
import static dev.trapdoor.engine.compile.RuntimeNames.INSTANCE;
import static dev.trapdoor.engine.compile.RuntimeNames.WIDE_MEMORY;

/**
 * The wide memory and table instructions ({@link WideAccesses}: memories other than 0, 64-bit memories and tables),
 * each a call of the interpreter's own {@code WideMemoryOps} on the operands as their slots hold them: one
 * implementation of the 64-bit bounds checks and the narrowing of 64-bit operands in both tiers, whose traps (a
 * {@code TrapSignal} with the access's detail) the site passes on unchanged. Memory 0 of a 32-bit memory keeps its
 * inline fast path ({@link MemoryOps}), untouched by any of this. A memory other than 0 is looked up per access, so
 * its growth, by any code, is seen at the next access.
 */
final class WideOps implements Opcodes {
    private WideOps() {
    }

    private static final String I = "L" + INSTANCE + ";";

    /**
     * Emits wide instruction {@code op} at slot height {@code top}. Returns false for a {@code call_indirect} through
     * a 64-bit table, whose index is narrowed in its slot (as the interpreter does) and whose call is the caller's to
     * emit, and for a SIMD access, which {@link SimdEmitter} emits.
     */
    static boolean emit(Emit e, Sites sites, WasmModule m, int op, int moduleOffset, int top, FunctionValidator v,
                        boolean hasMemory) {
        if (op >= 0x28 && op <= 0x35) {
            sites.begin(e, moduleOffset, op, -1, 0);
            instance(e);
            e.iconst(v.memoryIndex);
            e.iconst(op);
            e.iconst(memory64(m, v.memoryIndex));
            e.ld(top - 1);
            e.lconst(v.immL);
            wide(e, "load", "(" + I + "IIZJJ)J");
            sites.end(e);
            e.st(top - 1);
            return true;
        }
        if (op >= 0x36 && op <= 0x3E) {
            sites.begin(e, moduleOffset, op, -1, 0);
            instance(e);
            e.iconst(v.memoryIndex);
            e.iconst(op);
            e.iconst(memory64(m, v.memoryIndex));
            e.ld(top - 2);
            e.lconst(v.immL);
            e.ld(top - 1);
            wide(e, "store", "(" + I + "IIZJJJ)V");
            sites.end(e);
            return true;
        }
        switch (op) {
            case 0x3F -> {
                instance(e);
                e.iconst(v.immA);
                wide(e, "size", "(" + I + "I)J");
                e.st(top);
            }
            case 0x40 -> {
                instance(e);
                e.iconst(v.immA);
                e.iconst(memory64(m, v.immA));
                e.ld(top - 1);
                wide(e, "grow", "(" + I + "IZJ)J");
                e.st(top - 1);
                if (hasMemory) {
                    // An import may name memory 0's instance under another index: its size may have changed too.
                    e.reloadMemory();
                }
            }
            case 0xFC08 -> bulk(e, sites, moduleOffset, op, top, "memoryInit", "IIZ", v.immB, v.immA,
                    memory64(m, v.immB));
            case 0xFC0A -> bulk(e, sites, moduleOffset, op, top, "memoryCopy", "III", v.immA, v.immB,
                    memory64(m, v.immA) | memory64(m, v.immB) << 1);
            case 0xFC0B -> bulk(e, sites, moduleOffset, op, top, "memoryFill", "IZ", v.immA, memory64(m, v.immA));
            case 0x25 -> {
                sites.begin(e, moduleOffset, op, -1, 0);
                instance(e);
                e.iconst(v.immA);
                e.ld(top - 1);
                wide(e, "tableGet", "(" + I + "IJ)J");
                sites.end(e);
                e.st(top - 1);
            }
            case 0x26 -> {
                sites.begin(e, moduleOffset, op, -1, 0);
                instance(e);
                e.iconst(v.immA);
                e.ld(top - 2);
                e.ld(top - 1);
                wide(e, "tableSet", "(" + I + "IJJ)V");
                sites.end(e);
            }
            case 0xFC0C -> bulk(e, sites, moduleOffset, op, top, "tableInit", "II", v.immB, v.immA);
            case 0xFC0E -> bulk(e, sites, moduleOffset, op, top, "tableCopy", "III", v.immA, v.immB,
                    table64(m, v.immA) | table64(m, v.immB) << 1);
            case 0xFC0F -> {
                instance(e);
                e.iconst(v.immA);
                e.ld(top - 2);
                e.ld(top - 1);
                wide(e, "tableGrow", "(" + I + "IJJ)J");
                e.st(top - 2);
            }
            case 0xFC10 -> {
                instance(e);
                e.iconst(v.immA);
                wide(e, "tableSize", "(" + I + "I)J");
                e.st(top);
            }
            case 0xFC11 -> bulk(e, sites, moduleOffset, op, top, "tableFill", "I", v.immA);
            case 0x11, 0x13 -> {
                e.ld(top - 1);
                e.iconst(1);
                wide(e, "narrow", "(JZ)I");
                e.stI(top - 1);
                return false;
            }
            default -> {
                // A SIMD access: SimdEmitter's, which knows where v128 values live.
                return false;
            }
        }
        return true;
    }

    /** A bulk operation: immediates of JVM types {@code immTypes}, then the three i32 or i64 operands below the top. */
    private static void bulk(Emit e, Sites sites, int moduleOffset, int op, int top, String helper, String immTypes,
                             int... immediates) {
        sites.begin(e, moduleOffset, op, -1, 0);
        instance(e);
        for (int imm : immediates) {
            e.iconst(imm);
        }
        e.ld(top - 3);
        e.ld(top - 2);
        e.ld(top - 1);
        wide(e, helper, "(" + I + immTypes + "JJJ)V");
        sites.end(e);
    }

    private static void instance(Emit e) {
        e.context();
        e.mv.visitFieldInsn(GETFIELD, CONTEXT, "inst", I);
    }

    private static void wide(Emit e, String name, String desc) {
        e.mv.visitMethodInsn(INVOKESTATIC, WIDE_MEMORY, name, desc, false);
    }

    private static int memory64(WasmModule m, int memoryIndex) {
        return m.memories().get(memoryIndex).is64() ? 1 : 0;
    }

    private static int table64(WasmModule m, int tableIndex) {
        return m.tables().get(tableIndex).is64() ? 1 : 0;
    }
}
