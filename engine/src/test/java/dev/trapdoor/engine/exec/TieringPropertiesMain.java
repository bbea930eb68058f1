package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.text.Wat;

/**
 * Run by {@link TieringPropertiesTest} in a JVM of its own, since both properties are read once, when their classes
 * initialize. Prints whether a small function called 50 times was compiled (the tiered mode's call count), then
 * whether a loop called once, which runs for most of a second in the interpreter, was (the sampler's ticks; the
 * process's first compilation has been made by then, so {@link Tiering#HOT_TICKS} applies, not the first one's count).
 */
public final class TieringPropertiesMain {
    private static final String WAT = """
            (module
              (func (export "inc") (param $x i32) (result i32) (i32.add (local.get $x) (i32.const 1)))
              (func (export "spin") (param $n i32) (result i32) (local $i i32) (local $sum i32)
                (loop $l
                  (local.set $sum (i32.add (local.get $sum) (i32.xor (local.get $i) (local.get $sum))))
                  (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
                (local.get $sum)))
            """;

    private TieringPropertiesMain() {
    }

    public static void main(String[] args) throws Exception {
        Store store = new Store(EngineConfig.DEFAULT.withTier(Tier.TIERED));
        Instance instance = store.instantiate(Wasm.load(Wat.compile("tiering.wat", WAT).binary()),
                (module, name) -> null);
        for (int i = 0; i < 50; i++) {
            instance.invoke("inc", i);
        }
        // The process's first compilation loads the translator and ASM: at load 30-50 on 2 cores it took over 1.5 s.
        System.out.println("inc compiled: " + compiledWithin(instance, "inc", 5_000));
        // One call, so the call count cannot be what compiles it: 50 million iterations, 0.2-0.5 s interpreted on a
        // quiet machine.
        instance.invoke("spin", 50_000_000);
        System.out.println("spin compiled: " + compiledWithin(instance, "spin", 3_000));
    }

    /** Whether the export's function has compiled code, waiting up to {@code millis} for the background compiler. */
    private static boolean compiledWithin(Instance instance, String export, long millis) throws InterruptedException {
        FunctionInstance f = instance.function(export);
        long until = System.nanoTime() + millis * 1_000_000;
        while (f.jit == null && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        return f.jit != null;
    }
}
