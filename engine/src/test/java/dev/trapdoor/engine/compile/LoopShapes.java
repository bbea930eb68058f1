package dev.trapdoor.engine.compile;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The loop shape C2 sees in a chunk method's bytecode: a control-flow graph of its instructions, and the edges that
 * close a cycle (retreating edges of a depth-first walk) whose target does not dominate their source. Such an edge
 * is a loop entered somewhere other than its header, which C2 reports as {@code irreducible='1'}.
 */
final class LoopShapes {
    private LoopShapes() {
    }

    /** For each chunk method ({@code c0}, {@code c1}, ...) of the class, its retreating edges into no dominator. */
    static Map<String, Integer> irreducibleEdges(CompiledClass cc) {
        Map<String, Integer> edges = new TreeMap<>();
        for (byte[] bytes : cc.classes()) {
            ClassNode cn = new ClassNode();
            new ClassReader(bytes).accept(cn, 0);
            for (MethodNode m : cn.methods) {
                if (m.name.matches("c\\d+")) {
                    edges.put(m.name, irreducibleEdges(m));
                }
            }
        }
        return edges;
    }

    /** Retreating edges whose target does not dominate their source, over the instructions reachable from the start. */
    static int irreducibleEdges(MethodNode m) {
        AbstractInsnNode[] insns = m.instructions.toArray();
        int n = insns.length;
        List<List<Integer>> succ = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            succ.add(successors(m, insns, i));
        }
        // Depth-first order (iterative), reverse postorder, and the retreating edges (to a node still on the path).
        int[] state = new int[n];
        int[] post = new int[n];
        int postCount = 0;
        List<int[]> retreating = new ArrayList<>();
        int[] stack = new int[n + 1];
        int[] next = new int[n];
        int top = 0;
        stack[top++] = 0;
        state[0] = 1;
        while (top > 0) {
            int v = stack[top - 1];
            if (next[v] < succ.get(v).size()) {
                int w = succ.get(v).get(next[v]++);
                if (state[w] == 0) {
                    state[w] = 1;
                    stack[top++] = w;
                } else if (state[w] == 1) {
                    retreating.add(new int[]{v, w});
                }
            } else {
                state[v] = 2;
                post[v] = postCount++;
                top--;
            }
        }
        Integer[] order = new Integer[postCount];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (state[i] == 2) {
                order[k++] = i;
            }
        }
        Arrays.sort(order, (a, b) -> Integer.compare(post[b], post[a]));
        List<List<Integer>> pred = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            pred.add(new ArrayList<>());
        }
        for (int v : order) {
            for (int w : succ.get(v)) {
                pred.get(w).add(v);
            }
        }
        // Cooper, Harvey and Kennedy's iterative dominators over reverse postorder.
        int[] idom = new int[n];
        Arrays.fill(idom, -1);
        idom[0] = 0;
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int v : order) {
                if (v == 0) {
                    continue;
                }
                int d = -1;
                for (int p : pred.get(v)) {
                    if (idom[p] >= 0) {
                        d = d < 0 ? p : intersect(idom, post, p, d);
                    }
                }
                if (d != idom[v]) {
                    idom[v] = d;
                    changed = true;
                }
            }
        }
        int count = 0;
        for (int[] edge : retreating) {
            if (!dominates(idom, edge[1], edge[0])) {
                count++;
            }
        }
        return count;
    }

    private static int intersect(int[] idom, int[] post, int a, int b) {
        while (a != b) {
            while (post[a] < post[b]) {
                a = idom[a];
            }
            while (post[b] < post[a]) {
                b = idom[b];
            }
        }
        return a;
    }

    private static boolean dominates(int[] idom, int d, int v) {
        while (v != d && idom[v] != v) {
            v = idom[v];
        }
        return v == d;
    }

    private static List<Integer> successors(MethodNode m, AbstractInsnNode[] insns, int i) {
        AbstractInsnNode insn = insns[i];
        List<Integer> out = new ArrayList<>();
        int op = insn.getOpcode();
        if (insn instanceof JumpInsnNode j) {
            out.add(m.instructions.indexOf(j.label));
        } else if (insn instanceof TableSwitchInsnNode s) {
            out.add(m.instructions.indexOf(s.dflt));
            s.labels.forEach(l -> out.add(m.instructions.indexOf(l)));
        } else if (insn instanceof LookupSwitchInsnNode s) {
            out.add(m.instructions.indexOf(s.dflt));
            s.labels.forEach(l -> out.add(m.instructions.indexOf(l)));
        }
        boolean ends = op == Opcodes.GOTO || op == Opcodes.ATHROW || (op >= Opcodes.IRETURN && op <= Opcodes.RETURN)
                || insn instanceof TableSwitchInsnNode || insn instanceof LookupSwitchInsnNode;
        if (!ends && i + 1 < insns.length) {
            out.add(i + 1);
        }
        for (TryCatchBlockNode tc : m.tryCatchBlocks) {
            int from = m.instructions.indexOf(tc.start);
            int to = m.instructions.indexOf(tc.end);
            if (i >= from && i < to && !(insn instanceof LabelNode)) {
                out.add(m.instructions.indexOf(tc.handler));
            }
        }
        return out;
    }
}
