package dev.trapdoor.dap.source;

import java.util.function.IntPredicate;

/**
 * A breakpoint's {@code hitCondition}, tested against how many times the breakpoint was reached with its condition
 * true (counting from 1): {@code N} or {@code >=N} (from the Nth hit on), {@code ==N} or {@code =N} (only the Nth),
 * {@code >N}, {@code <N}, {@code <=N}, and {@code %N} (every Nth).
 */
public final class HitCondition {
    private HitCondition() {
    }

    /** @throws IllegalArgumentException with a message meant for a person */
    public static IntPredicate parse(String text) {
        String t = text.trim().replace(" ", "");
        String[] ops = {">=", "<=", "==", "=", ">", "<", "%"};
        String op = ">=";
        for (String o : ops) {
            if (t.startsWith(o)) {
                op = o;
                t = t.substring(o.length());
                break;
            }
        }
        int n;
        try {
            n = Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("hit condition '" + text + "' is not understood: use N, ==N, >N, >=N,"
                    + " <N, <=N or %N");
        }
        if (op.equals("%") && n <= 0) {
            throw new IllegalArgumentException("hit condition '" + text + "': %N needs N > 0");
        }
        return switch (op) {
            case "==", "=" -> hits -> hits == n;
            case ">" -> hits -> hits > n;
            case "<" -> hits -> hits < n;
            case "<=" -> hits -> hits <= n;
            case "%" -> hits -> hits % n == 0;
            default -> hits -> hits >= n;
        };
    }
}
