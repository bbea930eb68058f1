package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.debug.DebugEvent;
import dev.trapdoor.engine.debug.DebugFrame;
import dev.trapdoor.engine.debug.Resume;
import dev.trapdoor.engine.testing.Wabt;
import dev.trapdoor.engine.trap.Trap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The compiled tier keeps saxpy's f32x4 values as floats only ({@code F32Lanes}' lazy slots) between a load and the
 * store: a trap in between (the second load, the store) must still show the debugger the packed operand, both halves,
 * as the interpreter shows it; so must an exit to the next chunk in between (64-byte chunks).
 */
class LazyF32LanesTest {
    private static final String MODULE = """
            (module
              (memory 1)
              (func (export "saxpy") (param $a i32) (param $b i32) (param $c i32)
                (v128.store (i32.const 0) (v128.const f32x4 1.5 -2 3e30 0x1p-130))
                (v128.store (i32.const 16) (v128.const f32x4 4 5 -6 7))
                (v128.store (local.get $c)
                  (f32x4.add (f32x4.mul (v128.load (local.get $a)) (v128.const f32x4 0.5 0.5 0.5 0.5))
                             (v128.load (local.get $b))))
                (drop (i32.div_u (i32.const 1) (i32.load (i32.const 60000))))))""";

    private static List<String> trapSeenByDebugger(EngineConfig config, long a, long b, long c) {
        Store store = new Store(config);
        Instance inst = store.instantiate(Wasm.load(Wabt.wat(MODULE)), ImportResolver.NONE);
        List<String> stops = new ArrayList<>();
        Debugger debugger = store.debugger();
        debugger.setEntryEvents(false);
        debugger.setHandler((DebugEvent event, List<DebugFrame> frames) -> {
            DebugFrame f = frames.get(0);
            StringBuilder s = new StringBuilder(Integer.toHexString(f.moduleOffset()) + " |");
            for (int i = 0; i < f.stackHeight(); i++) {
                s.append(' ').append(f.stack(i)).append('/').append(f.stackHigh(i));
            }
            stops.add(s.toString());
            return Resume.CONTINUE;
        });
        Trap t = assertThrows(Trap.class, () -> inst.invoke("saxpy", a, b, c));
        stops.add(t.kind() + " " + t.getMessage());
        stops.add(java.util.Arrays.toString(inst.memory().read(0, 48)));
        return stops;
    }

    /** Traps at the second load (b), at the store (c), and after the store (a division by the zero at 60000). */
    @ParameterizedTest
    @ValueSource(strings = {"0,65530,16", "0,16,65530", "0,16,32"})
    void aTrapInTheChainShowsThePackedOperands(String args) {
        String[] p = args.split(",");
        long a = Long.parseLong(p[0]);
        long b = Long.parseLong(p[1]);
        long c = Long.parseLong(p[2]);
        List<String> interpreted = trapSeenByDebugger(EngineConfig.DEFAULT, a, b, c);
        assertEquals(3, interpreted.size(), interpreted.toString());
        EngineConfig[] configs = {EngineConfig.DEFAULT.withTier(Tier.COMPILED),
                EngineConfig.DEFAULT.withTier(Tier.COMPILED).withChunkBudget(64),
                EngineConfig.DEFAULT.withTier(Tier.COMPILED).withChunkBudget(300)};
        for (EngineConfig config : configs) {
            assertEquals(interpreted, trapSeenByDebugger(config, a, b, c), args);
        }
        if (b == 65530) {
            // The product 1.5 * 0.5, -2 * 0.5 packed below the trapping address.
            long lo = (long) Float.floatToRawIntBits(-1f) << 32 | Float.floatToRawIntBits(0.75f);
            assertTrue(interpreted.get(0).contains(" " + lo + "/"), interpreted.toString());
        }
    }
}
