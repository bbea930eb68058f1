package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.testing.Wabt;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The compiled tier orders unsigned values by flipping both sign bits and comparing signed, not through
 * {@code compareUnsigned}. Each unsigned comparison runs here as a value (its 0 or 1), as a
 * {@code br_if} condition and as a loop's exit condition, on the values where signed and unsigned order disagree,
 * in both tiers and with chunks small enough to cut between the compare and its branch.
 */
class CompiledUnsignedCompareTest {
    private static final String[] OPS = {"lt_u", "gt_u", "le_u", "ge_u"};
    private static final long[] I32 = {0, 1, 2, -1, -2, Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MIN_VALUE + 1};
    private static final long[] I64 = {0, 1, -1, -2, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1,
            0xFFFF_FFFFL, 0x8000_0000L, Integer.MIN_VALUE};

    private static String module() {
        StringBuilder wat = new StringBuilder("(module");
        for (String t : new String[]{"i32", "i64"}) {
            for (String op : OPS) {
                String cmp = "(" + t + "." + op + " (local.get 0) (local.get 1))";
                wat.append(" (func (export \"v_").append(t).append(op).append("\") (param ").append(t).append(' ')
                        .append(t).append(") (result i32) ").append(cmp).append(')');
                wat.append(" (func (export \"b_").append(t).append(op).append("\") (param ").append(t).append(' ')
                        .append(t).append(") (result i32) (block (br_if 0 ").append(cmp)
                        .append(") (return (i32.const 20))) (i32.const 10))");
                // Counts the iterations of a loop that steps local 0 by 1 while the comparison holds, at most 3.
                wat.append(" (func (export \"l_").append(t).append(op).append("\") (param ").append(t).append(' ')
                        .append(t).append(") (result i32) (local i32) (block (loop")
                        .append(" (br_if 1 (i32.eq (local.get 2) (i32.const 3)))")
                        .append(" (br_if 1 (i32.eqz ").append(cmp).append("))")
                        .append(" (local.set 2 (i32.add (local.get 2) (i32.const 1)))")
                        .append(" (local.set 0 (").append(t).append(".add (local.get 0) (").append(t)
                        .append(".const 1)))").append(" (br 0))) (local.get 2))");
            }
        }
        return wat.append(')').toString();
    }

    private static List<Long> results(EngineConfig config) {
        Instance inst = new Store(config).instantiate(Wasm.load(Wabt.wat(module())), ImportResolver.NONE);
        List<Long> out = new ArrayList<>();
        for (String t : new String[]{"i32", "i64"}) {
            long[] values = t.equals("i32") ? I32 : I64;
            for (String op : OPS) {
                for (long a : values) {
                    for (long b : values) {
                        for (String kind : new String[]{"v_", "b_", "l_"}) {
                            out.add(inst.invoke(kind + t + op, a, b)[0]);
                        }
                    }
                }
            }
        }
        return out;
    }

    private static boolean holds(String op, long a, long b) {
        int c = Long.compareUnsigned(a, b);
        return switch (op) {
            case "lt_u" -> c < 0;
            case "gt_u" -> c > 0;
            case "le_u" -> c <= 0;
            default -> c >= 0;
        };
    }

    @Test
    void theInterpreterGivesTheUnsignedOrder() {
        List<Long> interpreted = results(EngineConfig.DEFAULT.withTier(Tier.INTERPRETER));
        int i = 0;
        for (String t : new String[]{"i32", "i64"}) {
            long[] values = t.equals("i32") ? I32 : I64;
            for (String op : OPS) {
                for (long a : values) {
                    for (long b : values) {
                        long ua = t.equals("i32") ? a & 0xFFFF_FFFFL : a;
                        long ub = t.equals("i32") ? b & 0xFFFF_FFFFL : b;
                        boolean h = holds(op, ua, ub);
                        assertEquals(h ? 1 : 0, interpreted.get(i++), t + "." + op + " " + a + " " + b);
                        assertEquals(h ? 10 : 20, interpreted.get(i++), "br_if " + t + "." + op + " " + a + " " + b);
                        i++;
                    }
                }
            }
        }
    }

    @Test
    void compiledCodeMatchesTheInterpreter() {
        List<Long> interpreted = results(EngineConfig.DEFAULT.withTier(Tier.INTERPRETER));
        assertSameResults(interpreted, results(EngineConfig.DEFAULT.withTier(Tier.COMPILED)));
        assertSameResults(interpreted, results(EngineConfig.DEFAULT.withTier(Tier.COMPILED).withChunkBudget(64)));
    }

    /** Names the first case that differs instead of printing both lists. */
    private static void assertSameResults(List<Long> expected, List<Long> actual) {
        assertEquals(expected.size(), actual.size());
        int i = 0;
        for (String t : new String[]{"i32", "i64"}) {
            long[] values = t.equals("i32") ? I32 : I64;
            for (String op : OPS) {
                for (long a : values) {
                    for (long b : values) {
                        for (String kind : new String[]{"value", "br_if", "loop"}) {
                            assertEquals(expected.get(i), actual.get(i), kind + " " + t + "." + op + " " + a + " " + b);
                            i++;
                        }
                    }
                }
            }
        }
    }
}
