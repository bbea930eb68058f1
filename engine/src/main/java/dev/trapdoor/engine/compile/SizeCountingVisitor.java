package dev.trapdoor.engine.compile;

import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Passes bytecode on and counts an upper bound of its size as it goes, so the translator can check its budget during
 * translation instead of after it.
 */
final class SizeCountingVisitor extends MethodVisitor {
    int bytes;
    /** C2 inlining budget this method's {@code JitMemory} calls take ({@link MemoryOps#callAllowance}). */
    int memoryCallBytes;

    SizeCountingVisitor(MethodVisitor next) {
        super(Opcodes.ASM9, next);
    }

    @Override
    public void visitInsn(int opcode) {
        bytes += 1;
        super.visitInsn(opcode);
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
        bytes += opcode == Opcodes.SIPUSH ? 3 : 2;
        super.visitIntInsn(opcode, operand);
    }

    @Override
    public void visitVarInsn(int opcode, int varIndex) {
        bytes += varIndex < 4 ? 1 : varIndex < 256 ? 2 : 4;
        super.visitVarInsn(opcode, varIndex);
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
        bytes += 3;
        super.visitTypeInsn(opcode, type);
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
        bytes += 3;
        super.visitFieldInsn(opcode, owner, name, descriptor);
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
        bytes += opcode == Opcodes.INVOKEINTERFACE ? 5 : 3;
        super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String descriptor, Handle bsm, Object... bsmArgs) {
        bytes += 5;
        super.visitInvokeDynamicInsn(name, descriptor, bsm, bsmArgs);
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
        // Chunks stay far below 32 KB (EngineConfig caps the budget), so ASM never widens a jump.
        bytes += 3;
        super.visitJumpInsn(opcode, label);
    }

    @Override
    public void visitLdcInsn(Object value) {
        bytes += 3;
        super.visitLdcInsn(value);
    }

    @Override
    public void visitIincInsn(int varIndex, int increment) {
        bytes += 6;
        super.visitIincInsn(varIndex, increment);
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
        bytes += 16 + 4 * labels.length;
        super.visitTableSwitchInsn(min, max, dflt, labels);
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
        bytes += 12 + 8 * keys.length;
        super.visitLookupSwitchInsn(dflt, keys, labels);
    }
}
