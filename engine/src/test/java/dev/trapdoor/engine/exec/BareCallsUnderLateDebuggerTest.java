package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.debug.DebugEvent;
import dev.trapdoor.engine.debug.Resume;
import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.ValType;
import dev.trapdoor.engine.testing.SeenFrame;
import dev.trapdoor.engine.testing.Switches;
import dev.trapdoor.engine.testing.Wabt;
import dev.trapdoor.engine.trap.Trap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static dev.trapdoor.engine.testing.SameTrap.assertSameTrap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A debugger that attaches while a frame with bare call handlers ({@link BareCalls}) waits in a bare call: that frame
 * keeps no values to move into the interpreter with, so a stop above it waits until it has returned (the breakpoint's
 * hit in that call is not reported, the next call's is, with every frame and value), and the program's results stay
 * right. A frame that waited in another call (a host function's) leaves its bare code at the poll after it, with its
 * values: a stop above it fires at once. A trap through it is the interpreter's trap.
 */
class BareCallsUnderLateDebuggerTest {
    private static final String SWITCH = "trapdoor.jit.bareCallHandlers";

    /**
     * {@code $middle} (typed, bare) calls the host's {@code attach}, then {@code $leaf}, which traps on 0;
     * {@code $outer} (typed, bare) waits in its bare call of {@code $middle} meanwhile.
     */
    private static final String MODULE = """
            (module
              (import "env" "attach" (func $attach))
              (func $leaf (param $n i32) (result i32)
                (i32.div_u (i32.const 840) (local.get $n)))
              (func $middle (param $n i32) (result i32)
                (local $x i32)
                (local.set $x (i32.mul (local.get $n) (i32.const 3)))
                (call $attach)
                (i32.add (local.get $x) (call $leaf (local.get $n))))
              (func $outer (param $n i32) (result i32)
                (i32.add (call $middle (local.get $n)) (i32.const 1000)))
              (func (export "main") (param $n i32) (result i32)
                (i32.add (call $outer (local.get $n)) (i32.const 100)))
            )""";

    /** Main calls {@code $middle} itself: main's frame runs its chunk (the untyped entry), with full handlers. */
    private static final String NO_OUTER = MODULE.replace("(call $outer (local.get $n))",
            "(call $middle (local.get $n))");

    /**
     * {@code $middle} calls itself for large n, so with {@code compile.PairedChecks} its typed entry {@code t} runs
     * the body in a copy: one Wasm frame in two JVM frames.
     */
    private static final String PAIRED = NO_OUTER.replace("(local $x i32)\n", """
            (local $x i32)
                (if (i32.gt_u (local.get $n) (i32.const 100))
                  (then (return (call $middle (i32.sub (local.get $n) (i32.const 100))))))
            """);

    @RegisterExtension
    final Switches switches = Switches.kept().set(SWITCH, null).set("trapdoor.jit.pairedChecks", null);

    private record Setup(Store store, Instance instance, AtomicBoolean armed, List<String> stops,
                         List<List<SeenFrame>> frames) {
    }

    /** Compiled with no debugger; the host function attaches one (once armed), with a breakpoint in {@code $leaf}. */
    private static Setup setUp(Tier tier) {
        return setUp(tier, MODULE);
    }

    private static Setup setUp(Tier tier, String module) {
        Store store = new Store(EngineConfig.DEFAULT.withTier(tier));
        AtomicBoolean armed = new AtomicBoolean();
        AtomicReference<Instance> self = new AtomicReference<>();
        List<String> stops = new ArrayList<>();
        List<List<SeenFrame>> frames = new ArrayList<>();
        byte[] wasm = Wabt.wat(module);
        int leafStart = Wabt.offsetOf(wasm, 1, "i32.const 840", 0);
        FunctionInstance attach = store.hostFunction("attach", FuncType.of(new ValType[0], new ValType[0]),
                (caller, args) -> {
                    if (armed.getAndSet(false)) {
                        Debugger d = store.debugger();
                        d.setEntryEvents(false);
                        d.setHandler((event, seen) -> {
                            stops.add(event.getClass().getSimpleName() + "@" + seen.get(0).moduleOffset());
                            List<SeenFrame> list = new ArrayList<>();
                            seen.forEach(f -> list.add(SeenFrame.of(f)));
                            frames.add(list);
                            return Resume.CONTINUE;
                        });
                        d.addInstructionBreakpoint(self.get(), leafStart);
                    }
                    return new long[0];
                });
        Instance instance = store.instantiate(Wasm.load(wasm), (m, n) -> attach);
        self.set(instance);
        return new Setup(store, instance, armed, stops, frames);
    }

    @Test
    void aBreakpointAboveABareFrameWaitsForItsReturnAndResultsStayRight() {
        System.setProperty(SWITCH, "true");
        Setup s = setUp(Tier.COMPILED);
        FunctionInstance outer = s.instance().functions[3];
        assertTrue(outer.jit != null && outer.jitContext.bareTyped, "outer compiled with bare call handlers");
        assertEquals(3 * 7 + 120 + 1100, (int) s.instance().invoke("main", 7)[0]);
        s.armed().set(true);
        // The debugger attaches inside outer's bare call: the breakpoint in leaf is reached above outer's bare frame.
        assertEquals(3 * 5 + 168 + 1100, (int) s.instance().invoke("main", 5)[0]);
        assertEquals(List.of(), s.stops(), "the stop waits until the bare frame has returned");
        // The next call runs code compiled for the debugger (or the interpreter): the breakpoint stops there.
        assertEquals(3 * 4 + 210 + 1100, (int) s.instance().invoke("main", 4)[0]);
        assertEquals(1, s.stops().size(), s.stops().toString());
        assertTrue(s.stops().get(0).startsWith("BreakpointHit@"), s.stops().toString());
        List<SeenFrame> seen = s.frames().get(0);
        assertEquals(List.of(1, 2, 3, 4), seen.stream().map(SeenFrame::funcIndex).toList());
        assertEquals(List.of(4L), seen.get(0).locals(), "leaf's parameter");
        assertEquals(List.of(4L, 12L), seen.get(1).locals(), "middle's parameter and local");
    }

    @Test
    void aTrapThroughABareFrameAfterAttachingIsTheInterpreters() {
        Setup interpreted = setUp(Tier.INTERPRETER);
        interpreted.armed().set(true);
        Trap expected = assertThrows(Trap.class, () -> interpreted.instance().invoke("main", 0));
        System.setProperty(SWITCH, "true");
        Setup compiled = setUp(Tier.COMPILED);
        assertEquals(3 + 840 + 1100, (int) compiled.instance().invoke("main", 1)[0]);
        compiled.armed().set(true);
        Trap trap = assertThrows(Trap.class, () -> compiled.instance().invoke("main", 0));
        assertSameTrap(expected, trap);
        assertEquals(4, trap.stack().size(), trap.stack().toString());
    }

    @Test
    void aStopAboveAFrameThatLeftItsBareCodeAtAPollFiresAtOnce() {
        System.setProperty(SWITCH, "true");
        Setup s = setUp(Tier.COMPILED, NO_OUTER);
        FunctionInstance middle = s.instance().functions[2];
        assertTrue(middle.jit != null && middle.jitContext.bareTyped, "middle compiled with bare call handlers");
        s.armed().set(true);
        // middle waited in the host call, not a bare one: at the poll after it, it left for its chunk with its values.
        assertEquals(3 * 5 + 168 + 100, (int) s.instance().invoke("main", 5)[0]);
        assertEquals(1, s.stops().size(), s.stops().toString());
        assertTrue(s.stops().get(0).startsWith("BreakpointHit@"), s.stops().toString());
        List<SeenFrame> seen = s.frames().get(0);
        assertEquals(List.of(1, 2, 4), seen.stream().map(SeenFrame::funcIndex).toList());
        assertEquals(List.of(5L), seen.get(0).locals(), "leaf's parameter");
        assertEquals(List.of(5L, 15L), seen.get(1).locals(), "middle's parameter and local");
    }

    @Test
    void aStopAboveACopyOfTheBodyThatLeftAtAPollFiresAtOnce() {
        System.setProperty(SWITCH, "true");
        System.setProperty("trapdoor.jit.pairedChecks", "true");
        Setup s = setUp(Tier.COMPILED, PAIRED);
        assertTrue(PAIRED.contains("(call $middle (i32.sub"), PAIRED);
        s.armed().set(true);
        // middle's copy left at the poll after the host call; t, below it in the JVM stack, is the same frame.
        assertEquals(3 * 5 + 168 + 100, (int) s.instance().invoke("main", 5)[0]);
        assertEquals(1, s.stops().size(), s.stops().toString());
        List<SeenFrame> seen = s.frames().get(0);
        assertEquals(List.of(1, 2, 4), seen.stream().map(SeenFrame::funcIndex).toList());
        assertEquals(List.of(5L, 15L), seen.get(1).locals(), "middle's parameter and local");
    }
}
