package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.text.Wat;
import dev.trapdoor.engine.trap.Trap;
import dev.trapdoor.engine.trap.TrapDetail;

/**
 * Run by {@link SmallThreadStackTest} in a JVM of its own, so that the first trap this JVM ever makes is the JVM's
 * stack running out in compiled code on a 256 KiB thread; then a plain trap. Prints one line for each.
 */
public final class SmallThreadStackMain {
    private SmallThreadStackMain() {
    }

    /** deep(n) = 136 * (1 + ... + n), with sixteen i64 values live across each call; stop() is unreachable. */
    static String wat() {
        StringBuilder locals = new StringBuilder();
        StringBuilder set = new StringBuilder();
        String sum = "(call $deep (i32.sub (local.get $n) (i32.const 1)))";
        for (int i = 0; i < 16; i++) {
            locals.append(" (local $v").append(i).append(" i64)");
            set.append("(local.set $v").append(i).append(" (i64.mul (i64.extend_i32_u (local.get $n)) (i64.const ")
                    .append(i + 1).append(")))\n");
            sum = "(i64.add (local.get $v" + i + ") " + sum + ")";
        }
        return "(module (func $deep (export \"deep\") (param $n i32) (result i64)" + locals + "\n"
                + "(if (result i64) (i32.eqz (local.get $n)) (then (i64.const 0)) (else\n" + set + sum + ")))\n"
                + "(func (export \"stop\") unreachable))";
    }

    public static void main(String[] args) throws InterruptedException {
        Store store = new Store(EngineConfig.DEFAULT.withTier(Tier.COMPILED));
        Instance inst = store.instantiate(Wasm.load(Wat.compile("deep.wat", wat()).binary()), (m, n) -> null);
        System.out.println("shallow " + inst.invoke("deep", 100)[0]);
        Thread small = new Thread(null, () -> {
            try {
                inst.invoke("deep", 19_000);
                System.out.println("deep returned");
            } catch (Trap t) {
                TrapDetail.StackExhausted d = (TrapDetail.StackExhausted) t.detail();
                System.out.println("deep " + t.kind() + ", depth " + (d.depth() == t.stack().size() ? "= frames"
                        : d.depth() + " != " + t.stack().size() + " frames") + ": " + t.getMessage());
            } catch (Throwable other) {
                System.out.println("deep threw " + other);
            }
        }, "small stack", 256 * 1024);
        small.start();
        small.join();
        try {
            inst.invoke("stop");
        } catch (Throwable t) {
            System.out.println("then " + t);
        }
    }
}
