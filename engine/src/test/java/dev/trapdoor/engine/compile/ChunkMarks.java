package dev.trapdoor.engine.compile;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.util.HashSet;
import java.util.Set;

/**
 * Finds where a test's marked code landed: the chunk methods ({@code c0}, {@code c1}, ...) of a compiled class that
 * push an int constant only that code uses. A copy of the code in another chunk pushes it there too.
 */
final class ChunkMarks {
    private ChunkMarks() {
    }

    /** Names of the chunk methods that push {@code mark}. */
    static Set<String> chunksPushing(CompiledClass cc, int mark) {
        Set<String> holding = new HashSet<>();
        for (byte[] bytes : cc.classes()) {
            new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String d, String s, String[] e) {
                    return new MethodVisitor(Opcodes.ASM9) {
                        @Override
                        public void visitIntInsn(int opcode, int operand) {
                            if (operand == mark && name.matches("c\\d+")) {
                                holding.add(name);
                            }
                        }

                        @Override
                        public void visitLdcInsn(Object value) {
                            if (value instanceof Integer i && i == mark && name.matches("c\\d+")) {
                                holding.add(name);
                            }
                        }
                    };
                }
            }, 0);
        }
        return holding;
    }
}
