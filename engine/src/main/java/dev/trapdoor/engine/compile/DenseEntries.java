package dev.trapdoor.engine.compile;

import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Dense entry numbers: what chunks hand each other instead of {@link EntryIds}. A function's entries are numbered
 * 1..n in the order the translator makes them, so each chunk's entries are one run of numbers and both its entry
 * switch and the chunk loop's become {@code tableswitch}es (sparse ids, module offsets times eight, made C2 compile
 * both as chains of compares). 0 stays the function's start and negative numbers keep their meaning; an exit to an
 * id that no chunk takes (a poll's exit after a call) gets a number past n. The runtime turns a number back into its
 * id wherever the frame state needs the pc (the interpreter, deoptimization, a stray exit), and an id into a number
 * for on-stack replacement ({@code exec.JitContext}).
 *
 * <p>An exit's target may be made in a later chunk, so its number is not known when the exit is emitted: chunk methods
 * are kept as trees until the function is translated, and each exit's constant is set then.
 * {@code -Dtrapdoor.jit.denseEntries=false} hands the sparse ids over as before.
 */
final class DenseEntries {
    /** Read for each function translated, so a test can compare both ways in one JVM. */
    static boolean on() {
        return !"false".equals(System.getProperty("trapdoor.jit.denseEntries"));
    }

    private final List<MethodNode> methods = new ArrayList<>();
    private final List<Integer> methodParts = new ArrayList<>();
    private final List<AbstractInsnNode> exits = new ArrayList<>();
    private final List<Integer> exitIds = new ArrayList<>();
    private final List<MethodNode> exitMethods = new ArrayList<>();
    private MethodNode current;

    /** A static chunk method in class {@code part}: kept until {@link #finish}, or written at once without numbers. */
    static MethodVisitor open(DenseEntries dense, ClassParts parts, int part, String name, String descriptor) {
        if (dense == null) {
            return parts.writer(part).visitMethod(Opcodes.ACC_STATIC, name, descriptor, null, null);
        }
        return dense.open(part, name, descriptor);
    }

    private MethodVisitor open(int part, String name, String descriptor) {
        current = new MethodNode(Opcodes.ASM9, Opcodes.ACC_STATIC, name, descriptor, null, null);
        methods.add(current);
        methodParts.add(part);
        return current;
    }

    /** Pushes what an exit to {@code id} returns: its number, set in {@link #finish}, or the id itself. */
    static void exit(DenseEntries dense, Emit e, int id) {
        if (dense == null || id <= 0) {
            e.iconst(id);
        } else {
            dense.exit(e.mv, id);
        }
    }

    private void exit(MethodVisitor mv, int id) {
        mv.visitLdcInsn(id);
        exits.add(current.instructions.getLast());
        exitIds.add(id);
        exitMethods.add(current);
    }

    /**
     * Numbers the exits of {@code translators} by {@code entries} (the chunks' entries as made: id, chunk) and writes
     * their methods into {@code parts}.
     *
     * @return number → entry id (index 0: the function's start; past the entries: exits no chunk takes)
     */
    static int[] finish(List<int[]> entries, ClassParts parts, DenseEntries... translators) {
        Map<Integer, Integer> numbers = new HashMap<>();
        List<Integer> ids = new ArrayList<>();
        ids.add(EntryIds.FUNCTION_START);
        for (int[] entry : entries) {
            numbers.putIfAbsent(entry[0], ids.size());
            ids.add(entry[0]);
        }
        for (DenseEntries d : translators) {
            if (d == null) {
                continue;
            }
            for (int i = 0; i < d.exits.size(); i++) {
                int id = d.exitIds.get(i);
                Integer n = numbers.get(id);
                if (n == null) {
                    n = ids.size();
                    numbers.put(id, n);
                    ids.add(id);
                }
                AbstractInsnNode at = d.exits.get(i);
                d.exitMethods.get(i).instructions.set(at, push(n));
            }
            for (int i = 0; i < d.methods.size(); i++) {
                MethodNode m = d.methods.get(i);
                m.accept(parts.writer(d.methodParts.get(i)));
            }
        }
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Number → chunk for the numbers of {@code entries} (index 0: chunk 0, the function's start). */
    static int[] chunks(List<int[]> entries) {
        int[] chunks = new int[entries.size() + 1];
        for (int i = 0; i < entries.size(); i++) {
            chunks[i + 1] = entries.get(i)[1];
        }
        return chunks;
    }

    private static AbstractInsnNode push(int n) {
        if (n <= 5) {
            return new InsnNode(Opcodes.ICONST_0 + n);
        }
        if (n <= Byte.MAX_VALUE) {
            return new IntInsnNode(Opcodes.BIPUSH, n);
        }
        return n <= Short.MAX_VALUE ? new IntInsnNode(Opcodes.SIPUSH, n) : new LdcInsnNode(n);
    }
}
