package dev.trapdoor.engine.compile;

import dev.trapdoor.engine.validate.FunctionValidator;
import org.objectweb.asm.Label;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code br_table}: a JVM {@code tableswitch} over its targets, one stub per distinct target; above
 * {@link FunctionTranslator#DIRECT_BR_TABLE} targets the index first maps to a distinct target through a table the
 * runtime holds, since a switch over tens of thousands of entries would not fit a method.
 */
final class BrTableEmitter {
    private BrTableEmitter() {
    }

    static void emit(FunctionTranslator t, FunctionValidator v, int h) {
        Emit e = t.e;
        int n = v.brCount;
        int[] targets = java.util.Arrays.copyOf(v.brTargets, n + 1);
        if (n == 0) {
            t.branch(targets[0], h - 1);
            return;
        }
        java.util.Map<Integer, Label> byDepth = new java.util.LinkedHashMap<>();
        for (int target : targets) {
            byDepth.computeIfAbsent(target, d -> new Label());
        }
        e.ldI(t.opSlot(h - 1));
        if (n <= FunctionTranslator.DIRECT_BR_TABLE) {
            Label[] stubs = new Label[n];
            for (int i = 0; i < n; i++) {
                stubs[i] = byDepth.get(targets[i]);
            }
            e.mv.visitTableSwitchInsn(0, n - 1, byDepth.get(targets[n]), stubs);
        } else {
            // A switch over tens of thousands of slots would not fit a method; the distinct targets are few.
            List<Integer> depths = new ArrayList<>(byDepth.keySet());
            int[] map = new int[n + 1];
            for (int i = 0; i <= n; i++) {
                map[i] = depths.indexOf(targets[i]);
            }
            e.context();
            e.iconst(t.brTables.size());
            t.brTables.add(map);
            e.rt("brTarget", "(I" + RuntimeNames.CONTEXT_DESC + "I)I");
            e.mv.visitTableSwitchInsn(0, depths.size() - 1, byDepth.get(targets[n]),
                    depths.stream().map(byDepth::get).toArray(Label[]::new));
        }
        for (var entry : byDepth.entrySet()) {
            e.mv.visitLabel(entry.getValue());
            t.branch(entry.getKey(), h - 1);
        }
    }
}
