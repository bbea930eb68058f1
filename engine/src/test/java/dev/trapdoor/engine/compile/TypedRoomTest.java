package dev.trapdoor.engine.compile;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.exec.EngineConfig;
import dev.trapdoor.engine.exec.ImportResolver;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.exec.Store;
import dev.trapdoor.engine.exec.Tier;
import dev.trapdoor.engine.testing.Wabt;
import dev.trapdoor.engine.trap.Trap;
import dev.trapdoor.engine.trap.TrapDetail;
import dev.trapdoor.engine.trap.TrapKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.trapdoor.engine.testing.SameTrap.assertSameTrap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A typed entry checks its frame against a constant room (the value stack's first length, 4,096 slots) and looks at
 * the stack only beyond it. Recursions of wide frames run past that room here: one that fits the limit must grow the
 * stack and return what the interpreter returns, and one that does not must run out of value-stack slots at the same
 * call, with the same trap, as in the interpreter (which, below a limit of 4,096, traps only once its stack would
 * have to grow: the 1,500-slot case).
 */
class TypedRoomTest {
    /** {@code $wide} keeps 24 i64 locals live across its recursive call, so each frame takes dozens of slots. */
    private static final String MODULE = """
            (module
              (func $wide (export "wide") (param i32) (result i32)
                (local i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64
                       i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64)
                (local.set 1 (i64.extend_i32_u (local.get 0)))
                (local.set 24 (i64.add (local.get 1) (i64.const 3)))
                (if (result i32) (i32.eqz (local.get 0))
                  (then (i32.const 7))
                  (else (i32.add (call $wide (i32.sub (local.get 0) (i32.const 1)))
                                 (i32.wrap_i64 (i64.sub (local.get 24) (local.get 1)))))))
            )""";

    private static Instance instance(EngineConfig config) {
        return new Store(config).instantiate(Wasm.load(Wabt.wat(MODULE)), ImportResolver.NONE);
    }

    private static EngineConfig[] compiledTiers(EngineConfig base) {
        return new EngineConfig[]{base.withTier(Tier.COMPILED), base.withTier(Tier.COMPILED).withChunkBudget(64),
                base.withTier(Tier.TIERED)};
    }

    @ParameterizedTest(name = "{0} slots")
    @ValueSource(ints = {4096, 5000, 10_000})
    void slotExhaustionIsTheInterpretersAtEveryLimit(int maxSlots) {
        EngineConfig base = new EngineConfig(1_000_000, maxSlots, false);
        Trap interpreted = assertThrows(Trap.class, () -> instance(base).invoke("wide", 100_000));
        assertEquals(TrapKind.CALL_STACK_EXHAUSTED, interpreted.kind());
        TrapDetail.StackExhausted d = (TrapDetail.StackExhausted) interpreted.detail();
        assertTrue(d.valueStackSlots() > maxSlots, "ran out of slots, not of depth: " + d);
        // At the first frame past the limit ("wide" has a frame of a few dozen slots), not at the stack's length.
        assertTrue(d.valueStackSlots() <= maxSlots + 100, "trapped where the limit is: " + d);
        for (EngineConfig compiled : compiledTiers(base)) {
            assertSameTrap(interpreted, assertThrows(Trap.class, () -> instance(compiled).invoke("wide", 100_000)));
        }
    }

    @org.junit.jupiter.api.Test
    void aLimitBelowTheStacksFirstLengthIsRefused() {
        // Neither tier looks at the limit while frames fit the stack's first length, so it could not be held to.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EngineConfig(1000, EngineConfig.MIN_VALUE_STACK_SLOTS - 1, false));
        assertTrue(e.getMessage().contains("maxValueStackSlots >= " + EngineConfig.MIN_VALUE_STACK_SLOTS),
                e.getMessage());
    }

    @ParameterizedTest(name = "depth {0}")
    @ValueSource(ints = {50, 300})
    void recursionPastTheRoomGrowsTheStackAsInTheInterpreter(int depth) {
        EngineConfig base = new EngineConfig(1_000_000, 1 << 18, false);
        long interpreted = instance(base).invoke("wide", depth)[0];
        assertEquals(7 + 3L * depth, interpreted);
        for (EngineConfig compiled : compiledTiers(base)) {
            assertEquals(interpreted, instance(compiled).invoke("wide", depth)[0]);
        }
    }
}
