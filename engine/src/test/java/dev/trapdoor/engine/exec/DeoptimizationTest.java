package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.debug.DebugEvent;
import dev.trapdoor.engine.debug.DebugFrame;
import dev.trapdoor.engine.debug.Resume;
import dev.trapdoor.engine.testing.Wabt;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A breakpoint keeps only its function in the interpreter. When it is hit below compiled callers, those callers move
 * into the interpreter first, so the stop shows every frame with the values the interpreter would show, and steps
 * out of the function land in them, exactly as with no compiled code at all.
 */
class DeoptimizationTest {
    private static final String MODULE = """
            (module
              (func $leaf (param $d i32) (result i32)
                (local $t i32)
                (local.set $t (i32.mul (local.get $d) (i32.const 3)))
                (i32.add (i32.const 1000) (i32.div_s (local.get $t) (local.get $d))))
              (func $mid (param $x i32) (param $y i32) (result i32)
                (local $k i64)
                (local.set $k (i64.const -5))
                (local.set $x (i32.add (local.get $x) (i32.const 1)))
                (i32.mul (local.get $x) (call $leaf (local.get $y))))
              (func (export "outer") (param $a i32) (result i32)
                (local $f f64) (local $i i32) (local $acc i32)
                (local.set $f (f64.const 2.5))
                (loop $again
                  (local.set $acc (i32.add (local.get $acc)
                    (i32.sub (i32.add (local.get $a) (i32.const 7))
                             (call $mid (i32.const 40) (local.get $a)))))
                  (br_if $again (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 3))))
                (local.get $acc)))""";

    /** One stop as a handler saw it: the event's kind and every frame's place and values. */
    private record Stop(String event, List<String> frames) {
        static Stop of(DebugEvent event, List<DebugFrame> frames) {
            List<String> seen = new ArrayList<>();
            for (DebugFrame f : frames) {
                StringBuilder b = new StringBuilder(f.funcIndex() + "@" + Integer.toHexString(f.moduleOffset()) + " L");
                for (int i = 0; i < f.localCount(); i++) {
                    b.append(' ').append(f.local(i));
                }
                b.append(" S");
                for (int i = 0; i < f.stackHeight(); i++) {
                    b.append(' ').append(f.stack(i));
                }
                seen.add(b.toString());
            }
            return new Stop(event.getClass().getSimpleName(), seen);
        }
    }

    private record Run(List<Stop> stops, long result, Instance instance) {
    }

    /** Runs outer(5) with a breakpoint on leaf's first instruction; {@code answer} picks the resume for stop i. */
    private static Run run(Tier tier, Function<Integer, Resume> answer) {
        Store store = new Store(EngineConfig.DEFAULT.withTier(tier));
        Instance instance = store.instantiate(Wasm.load(Wabt.wat(MODULE)), ImportResolver.NONE);
        List<Stop> stops = new ArrayList<>();
        Debugger debugger = store.debugger();
        debugger.setEntryEvents(false);
        debugger.setHandler((event, frames) -> {
            stops.add(Stop.of(event, frames));
            return stops.size() > 40 ? Resume.CONTINUE : answer.apply(stops.size() - 1);
        });
        debugger.addFunctionBreakpoint(instance, 0);
        long result = instance.function("outer").call(5)[0];
        return new Run(stops, result, instance);
    }

    @Test
    void aStopBelowCompiledCallersShowsTheInterpretersFrames() {
        Run interpreted = run(Tier.INTERPRETER, i -> Resume.CONTINUE);
        Run compiled = run(Tier.COMPILED, i -> Resume.CONTINUE);
        assertEquals(interpreted.result(), compiled.result());
        assertEquals(3, interpreted.stops().size(), "one hit per iteration");
        assertEquals(3, interpreted.stops().get(0).frames().size());
        assertEquals(interpreted.stops(), compiled.stops());
        assertNull(compiled.instance().functionAt(0).jit, "leaf has a breakpoint");
        assertNotNull(compiled.instance().functionAt(1).jit, "mid lost its compiled code");
        assertNotNull(compiled.instance().functionAt(2).jit, "outer lost its compiled code");
    }

    @Test
    void stepsOutOfTheStoppedFunctionLandInItsCompiledCallers() {
        Function<Integer, Resume> answer = i -> switch (i % 6) {
            case 0 -> Resume.STEP_OVER;
            case 1, 2 -> Resume.STEP_INTO;
            case 3, 4 -> Resume.STEP_OUT;
            default -> Resume.CONTINUE;
        };
        Run interpreted = run(Tier.INTERPRETER, answer);
        Run compiled = run(Tier.COMPILED, answer);
        assertEquals(interpreted.result(), compiled.result());
        assertTrue(interpreted.stops().size() > 6, interpreted.stops().toString());
        assertEquals(interpreted.stops(), compiled.stops());
    }

    @Test
    void stepIntoACompiledCalleeStopsInIt() {
        // The first stop is in leaf; stepping out twice reaches outer, whose next call to mid is stepped into.
        Function<Integer, Resume> answer = i -> i < 2 ? Resume.STEP_OUT : i < 12 ? Resume.STEP_INTO : Resume.CONTINUE;
        Run interpreted = run(Tier.INTERPRETER, answer);
        Run compiled = run(Tier.COMPILED, answer);
        assertEquals(interpreted.stops(), compiled.stops());
        assertTrue(interpreted.stops().stream().anyMatch(s -> s.frames().get(0).startsWith("1@")),
                "no stop in mid: " + interpreted.stops());
    }
}
