package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.debug.DebugEvent;
import dev.trapdoor.engine.debug.Resume;
import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.ValType;
import dev.trapdoor.engine.text.Wat;

import java.util.Map;

/**
 * Run by {@link SamplerParkingTest} in a JVM of its own, where no other tiered store runs: counts the tiered mode's
 * sampler ticks over windows of 150 ms (up to four while none come) while a tiered store's interpreter is idle (no
 * invocation), stopped at a breakpoint, stepping over a host call, and running freely after a continue; then checks
 * that a loop called once after the continue was still compiled (found by the sampler's ticks). Prints one line per
 * state.
 */
public final class SamplerParkingMain {
    private static final String WAT = """
            (module
              (import "env" "hook" (func $hook (param i32)))
              (func $main (param $n i32) (result i32) (local $i i32) (local $sum i32)
                (loop $l
                  (local.set $sum (i32.add (local.get $sum) (i32.mul (local.get $i) (local.get $i))))
                  (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
                (local.get $sum))
              (func $run (export "run") (param $n i32) (result i32)
                (call $hook (i32.const 1))
                (call $hook (i32.const 2))
                (call $main (local.get $n))))
            """;
    private static final long WINDOW_MS = 150;
    private static final long SETTLE_MS = 50;
    private static final int WINDOWS = 4;

    private SamplerParkingMain() {
    }

    /**
     * The sampler's ticks over one window, which starts a little after the state it measures: a tick that looked
     * just before the program stopped may count after it (the sampler thread descheduled on a loaded machine). A
     * window without ticks is followed by up to {@code WINDOWS - 1} more before it counts as none: on a machine at a
     * load of ~20 the sampler thread once went a whole window without running (a CI flake of the switched-off test).
     * A parked sampler must then stay quiet for all of them, which is stricter, not looser.
     */
    private static long ticksOver() {
        sleep(SETTLE_MS);
        long before = Tiering.ticks();
        for (int w = 0; w < WINDOWS; w++) {
            sleep(WINDOW_MS);
            if (Tiering.ticks() != before) {
                break;
            }
        }
        return Tiering.ticks() - before;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void main(String[] args) throws Exception {
        Store store = new Store(EngineConfig.DEFAULT.withTier(Tier.TIERED).withTierUpThreshold(1_000_000));
        StringBuilder out = new StringBuilder();
        boolean[] hooked = new boolean[1];
        FunctionInstance hook = store.hostFunction("hook", FuncType.of(new ValType[] {ValType.I32}, new ValType[0]),
                (caller, a) -> {
                    out.append(a[0] == 1 ? "stepping" : "running").append(": ").append(ticksOver() > 0 ? "ticks" : "none")
                            .append('\n');
                    hooked[0] |= a[0] == 1;
                    return new long[0];
                });
        Instance instance = store.instantiate(Wasm.load(Wat.compile("parking.wat", WAT).binary()),
                (module, name) -> hook);
        Debugger debugger = store.debugger();
        debugger.setEntryEvents(false);
        int run = -1;
        for (Map.Entry<Integer, String> e : instance.names().functionNames().entrySet()) {
            if (e.getValue().equals("run")) {
                run = e.getKey();
            }
        }
        debugger.addFunctionBreakpoint(instance, run);
        debugger.setHandler((event, frames) -> {
            if (event instanceof DebugEvent.BreakpointHit) {
                out.append("stopped: ").append(ticksOver() > 0 ? "ticks" : "none").append('\n');
                return Resume.STEP_OVER;
            }
            // Steps over the first hook call, then lets the program run.
            return hooked[0] ? Resume.CONTINUE : Resume.STEP_OVER;
        });
        // Compilation starts 300 ms into the process; the sampler sleeps until then.
        Thread.sleep(Math.max(0, Tiering.startDelayLeft(ProcessAge.millis())) + 100);
        System.out.println("idle: " + (ticksOver() > 0 ? "ticks" : "none"));
        int n = 300_000_000;
        long sum = instance.invoke("run", n)[0];
        System.out.print(out);
        boolean compiled = false;
        for (FunctionInstance f : instance.functions) {
            compiled |= f.jit != null;
        }
        System.out.println("compiled: " + compiled);
        System.out.println("sum: " + (int) sum);
    }
}
