package dev.trapdoor.engine.compile;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.exec.EngineConfig;
import dev.trapdoor.engine.exec.ImportResolver;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.exec.Store;
import dev.trapdoor.engine.exec.Tier;
import dev.trapdoor.engine.testing.Wabt;
import dev.trapdoor.engine.trap.Trap;
import dev.trapdoor.engine.trap.TrapKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.trapdoor.engine.testing.SameTrap.assertSameTrap;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Accesses that share a base, as clang -O0 emits them ({@code local.get $fp; i32.store offset=K}), whose bounds
 * checks C2 may merge into one of the lowest and one of the highest offset ({@code MemoryOps}): after a warm-up long
 * enough for C2, the iteration whose base faults must trap at the same access as in the interpreter, with the same
 * detail and frames, and with exactly the stores before it done. One base wraps: its widest access's last byte, taken
 * as an i32 sum, comes out in bounds, and only the check of the address itself catches it.
 */
class SmearedChecksTest {
    // $fp is $good until the last iteration, then $bad; every access in an iteration has the same base.
    private static final String MODULE = """
            (module
              (memory 1)
              (func (export "frame") (param $good i32) (param $bad i32) (param $n i32) (result i32)
                (local $fp i32) (local $sum i32)
                (loop $l
                  (local.set $fp (select (local.get $bad) (local.get $good) (i32.eq (local.get $n) (i32.const 1))))
                  (i64.store offset=8 (local.get $fp) (i64.extend_i32_u (local.get $n)))
                  (i32.store (local.get $fp) (local.get $n))
                  (i32.store16 offset=20 (local.get $fp) (i32.const 3))
                  (i32.store8 offset=30 (local.get $fp) (i32.const 4))
                  (i32.store offset=4000 (local.get $fp) (local.get $n))
                  (local.set $sum (i32.add (local.get $sum)
                    (i32.add (i32.load offset=8 (local.get $fp)) (i32.load16_u offset=4000 (local.get $fp)))))
                  (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
                (local.get $sum)))
            """;
    private static final int GOOD = 1024;

    private static Instance instance(EngineConfig config) {
        return new Store(config).instantiate(Wasm.load(Wabt.wat(MODULE)), ImportResolver.NONE);
    }

    // Bases: the widest store faults after four stores; the first store faults; the first store's last byte wraps to
    // 7; the byte store at offset 30 is the last in bounds.
    @ParameterizedTest(name = "bad base {0}")
    @ValueSource(ints = {65536 - 4003, 65536 - 12, -8, 65536 - 31})
    void theFaultingAccessAndTheStoresBeforeItAreTheInterpreters(int bad) {
        Instance interpreted = instance(EngineConfig.DEFAULT);
        Trap expected = assertThrows(Trap.class, () -> interpreted.invoke("frame", GOOD, bad, 20_000));
        assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS, expected.kind());
        byte[] memory = interpreted.memory().read(0, interpreted.memory().byteSize());
        for (EngineConfig config : new EngineConfig[]{EngineConfig.DEFAULT.withTier(Tier.COMPILED),
                EngineConfig.DEFAULT.withTier(Tier.COMPILED).withChunkBudget(64)}) {
            Instance compiled = instance(config);
            for (int i = 0; i < 3_000; i++) {
                // Each iteration reads back n twice.
                assertEquals(300 * 301, (int) compiled.invoke("frame", GOOD, GOOD, 300)[0]);
            }
            Trap actual = assertThrows(Trap.class, () -> compiled.invoke("frame", GOOD, bad, 20_000));
            assertSameTrap(expected, actual);
            assertArrayEquals(memory, compiled.memory().read(0, compiled.memory().byteSize()));
        }
    }
}
