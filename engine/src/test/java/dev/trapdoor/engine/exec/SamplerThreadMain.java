package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.text.Wat;

/**
 * Run by {@link SamplerThreadTest} in a JVM of its own, where no other test has made a tiered store: runs a loop on
 * the interpreter tier and says whether the tiered mode's sampler thread exists, then does the same on a tiered store.
 */
public final class SamplerThreadMain {
    private static final String WAT = """
            (module
              (func (export "spin") (param $n i32) (result i32)
                (loop $l
                  (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                  (br_if $l (local.get $n)))
                (local.get $n)))
            """;

    private SamplerThreadMain() {
    }

    public static void main(String[] args) {
        for (Tier tier : new Tier[] {Tier.INTERPRETER, Tier.TIERED}) {
            Store store = new Store(EngineConfig.DEFAULT.withTier(tier));
            Instance inst = store.instantiate(Wasm.load(Wat.compile("spin.wat", WAT).binary()), (m, n) -> null);
            inst.invoke("spin", 100_000);
            boolean sampler = Thread.getAllStackTraces().keySet().stream()
                    .anyMatch(t -> t.getName().equals("trapdoor sampler"));
            System.out.println(tier + ": " + (sampler ? "sampler" : "no sampler"));
        }
    }
}
