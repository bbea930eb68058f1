package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.text.Wat;
import dev.trapdoor.engine.trap.Trap;
import dev.trapdoor.engine.trap.TrapKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Static offsets of 2^31 and above: the compiled tier folds them into an index of -1 rather than computing the
 * address, and that index must still fault on every width, on both tiers, and write nothing. (An accessor that skips
 * the array's own bounds check, tried for issue 28, read and wrote the array's header there.)
 */
class FarOffsetTest {
    private static final String FAR = "(module (memory 1)"
            + " (func (export \"load\") (param i32) (result i32) (i32.load offset=4294967295 (local.get 0)))"
            + " (func (export \"load8\") (param i32) (result i32) (i32.load8_u offset=2147483648 (local.get 0)))"
            + " (func (export \"load64\") (param i32) (result i64) (i64.load offset=4294967288 (local.get 0)))"
            + " (func (export \"store\") (param i32) (i32.store offset=4294967292 (local.get 0) (i32.const -1)))"
            + " (func (export \"store8\") (param i32) (i32.store8 offset=2147483647 (local.get 0) (i32.const -1))))";

    @ParameterizedTest
    @EnumSource(value = Tier.class, names = {"INTERPRETER", "COMPILED"})
    void offsetsPastTwoGibibytesTrapAndTouchNothing(Tier tier) {
        Instance inst = new Store(EngineConfig.DEFAULT.withTier(tier))
                .instantiate(Wasm.load(Wat.compile("far.wat", FAR).binary()), ImportResolver.NONE);
        byte[] before = inst.memory().read(0, inst.memory().byteSize());
        for (String f : new String[] {"load", "load8", "load64", "store", "store8"}) {
            for (long address : new long[] {0, 1, 4, 0xFFFF_FFFFL}) {
                Trap t = assertThrows(Trap.class, () -> inst.invoke(f, address), f + " at " + address);
                assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS, t.kind(), f + " at " + address);
            }
        }
        assertTrue(Arrays.equals(before, inst.memory().read(0, inst.memory().byteSize())), "a faulting store wrote something");
    }
}
