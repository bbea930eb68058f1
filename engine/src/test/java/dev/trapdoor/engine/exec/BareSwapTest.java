package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.debug.Resume;
import dev.trapdoor.engine.testing.SeenFrame;
import dev.trapdoor.engine.testing.Switches;
import dev.trapdoor.engine.testing.Wabt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A debugger that attaches to code whose typed entries have bare call sites ({@link BareSwap}): the code stays
 * compiled, the typed entry is compiled again with full handlers (on the spot in the compiled tier, in the
 * background in the tiered one), and a stop in a frame that starts afterwards shows every frame with its values.
 */
class BareSwapTest {
    private static final String SWITCH = "trapdoor.jit.bareCallHandlers";

    /** {@code $fib}'s typed entry calls itself: with the switch on, its call sites are bare. */
    private static final String FIB = """
            (module
              (func $fib (export "fib") (param $n i64) (result i64)
                (if (result i64) (i64.lt_u (local.get $n) (i64.const 2))
                  (then (local.get $n))
                  (else (i64.add (call $fib (i64.sub (local.get $n) (i64.const 1)))
                                 (call $fib (i64.sub (local.get $n) (i64.const 2))))))))""";

    @RegisterExtension
    final Switches switches = Switches.kept().set(SWITCH, "true");

    @Test
    void inTheCompiledTierTheTypedEntryIsCompiledAgainAtOnce() {
        Instance inst = new Store(EngineConfig.DEFAULT.withTier(Tier.COMPILED))
                .instantiate(Wasm.load(Wabt.wat(FIB)), ImportResolver.NONE);
        FunctionInstance fib = inst.function("fib");
        assertTrue(fib.jitContext.bareTyped, "compiled with bare call sites");
        MethodHandle bare = fib.typedJit;
        assertArrayEquals(new long[]{6765}, inst.invoke("fib", 20));
        inst.store().debugger();
        assertNotNull(fib.jit, "an idle debugger keeps compiled code");
        assertNotNull(fib.typedJit);
        assertTrue(fib.typedJit != bare, "the bare typed entry is gone");
        assertFalse(fib.jitContext.bareTyped);
        assertFalse(fib.jitContext.liveOnly);
        assertTrue(JitRt.typedSiteOf(fib).getTarget() == fib.typedJit);
        assertArrayEquals(new long[]{6765}, inst.invoke("fib", 20));
    }

    @Test
    void inTheTieredTierItIsCompiledInTheBackgroundAndRunsCompiledMeanwhile() throws InterruptedException {
        Instance inst = new Store(EngineConfig.DEFAULT.withTier(Tier.TIERED).withTierUpThreshold(50))
                .instantiate(Wasm.load(Wabt.wat(FIB)), ImportResolver.NONE);
        FunctionInstance fib = inst.function("fib");
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (fib.jit == null && System.nanoTime() < deadline) {
            assertArrayEquals(new long[]{610}, inst.invoke("fib", 15));
            Thread.sleep(5);
        }
        assertNotNull(fib.jit, "fib never compiled");
        assertTrue(fib.jitContext.bareTyped, "compiled with bare call sites");
        MethodHandle entry = fib.jit;
        inst.store().debugger();
        // Until the compiler thread is done, typed callers reach the same compiled code through its untyped entry.
        MethodHandle now = fib.jit;
        assertNotNull(now, "an idle debugger sent fib back to the interpreter");
        assertArrayEquals(new long[]{6765}, inst.invoke("fib", 20));
        while (fib.jitContext.bareTyped && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertFalse(fib.jitContext.bareTyped, "the typed entry was not compiled again");
        synchronized (fib) {
            // The installer publishes the rest (the entries, the call sites) under this lock after the context.
            assertTrue(fib.jit != entry);
            assertNotNull(fib.typedJit, "fib runs compiled with a typed entry again");
            assertTrue(JitRt.typedSiteOf(fib).getTarget() == fib.typedJit);
        }
        assertArrayEquals(new long[]{832040}, inst.invoke("fib", 30));
    }

    /** {@code $walk} (typed, bare with the switch on) recurses down to {@code $leaf}, where the breakpoint is. */
    private static final String WALK = """
            (module
              (func $leaf (param $n i64) (result i64) (i64.mul (local.get $n) (i64.const 10)))
              (func $walk (export "walk") (param $n i64) (result i64) (local $x i64)
                (local.set $x (i64.add (local.get $n) (i64.const 100)))
                (if (result i64) (i64.eqz (local.get $n))
                  (then (call $leaf (local.get $x)))
                  (else (i64.add (local.get $x) (call $walk (i64.sub (local.get $n) (i64.const 1))))))))""";

    @Test
    void aBreakpointAboveFramesStartedAfterTheSwapSeesEveryFrameWithItsValues() {
        Instance inst = new Store(EngineConfig.DEFAULT.withTier(Tier.COMPILED))
                .instantiate(Wasm.load(Wabt.wat(WALK)), ImportResolver.NONE);
        FunctionInstance walk = inst.function("walk");
        assertTrue(walk.jitContext.bareTyped);
        assertArrayEquals(new long[]{101 + 1000}, inst.invoke("walk", 1));
        Debugger d = inst.store().debugger();
        d.setEntryEvents(false);
        List<List<SeenFrame>> stops = new ArrayList<>();
        d.setHandler((event, seen) -> {
            List<SeenFrame> list = new ArrayList<>();
            seen.forEach(f -> list.add(SeenFrame.of(f)));
            stops.add(list);
            return Resume.CONTINUE;
        });
        d.addFunctionBreakpoint(inst, 0);
        assertNotNull(walk.typedJit, "walk stays compiled");
        assertArrayEquals(new long[]{102 + 101 + 1000}, inst.invoke("walk", 2));
        // Had walk kept its bare typed entry, the stop would wait for its frames to return: there would be none.
        assertEquals(1, stops.size(), "the breakpoint in leaf");
        List<SeenFrame> frames = stops.get(0);
        assertEquals(List.of(0, 1, 1, 1), frames.stream().map(SeenFrame::funcIndex).toList());
        assertEquals(List.of(100L), frames.get(0).locals());
        assertEquals(List.of(0L, 100L), frames.get(1).locals());
        assertEquals(List.of(1L, 101L), frames.get(2).locals());
        assertEquals(List.of(2L, 102L), frames.get(3).locals());
    }
}
