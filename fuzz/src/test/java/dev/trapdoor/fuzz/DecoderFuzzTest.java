package dev.trapdoor.fuzz;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.error.WasmException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Target 1: mutated modules through the decoder and validator; only a {@link WasmException} may come out. */
class DecoderFuzzTest {
    static final long BOUND_MS = 5_000;

    @Test
    void decoderAndValidator() {
        Budget budget = new Budget();
        List<byte[]> corpus = Corpus.modules();
        long i = 0;
        int valid = 0;
        try (Bounded bounded = new Bounded()) {
            for (; budget.left(); i++) {
                Random r = new Random(budget.seed * 1_000_003L + i);
                byte[] input = Mutator.mutate(corpus.get(r.nextInt(corpus.size())), corpus, r);
                Bounded.Outcome<Object> o = bounded.run(() -> Wasm.load(input), BOUND_MS);
                if (o.timedOut()) {
                    fail("decoding ran past " + BOUND_MS + " ms: " + budget.keep("decoder", i, input));
                }
                if (o.thrown() == null) {
                    valid++;
                } else if (!(o.thrown() instanceof WasmException)) {
                    throw new AssertionError("not a WasmException: " + o.thrown() + "; input "
                            + budget.keep("decoder", i, input), o.thrown());
                }
            }
        }
        System.err.println("decoder fuzz: " + i + " inputs from seed " + budget.seed + ", " + valid + " valid");
        assertTrue(i > 100, "too few inputs ran: " + i);
    }
}
