package dev.trapdoor.engine.compile;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.exec.EngineConfig;
import dev.trapdoor.engine.exec.ImportResolver;
import dev.trapdoor.engine.exec.Store;
import dev.trapdoor.engine.exec.Tier;
import dev.trapdoor.engine.testing.SameTrap;
import dev.trapdoor.engine.trap.Trap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A chunking switch must not change what a guest sees: for each value of the switch, an exported {@code f(i32)}
 * returns the interpreter's results and traps with the interpreter's trap, field by field. The caller clears the
 * property afterwards.
 */
final class SwitchedParity {
    private SwitchedParity() {
    }

    static void assertSameAsTheInterpreter(byte[] wasm, String property, String[] values, int[] args, int trapArg) {
        for (String value : values) {
            System.setProperty(property, value);
            for (int arg : args) {
                long[] expected = new Store().instantiate(Wasm.load(wasm), ImportResolver.NONE).invoke("f", arg);
                Store compiled = new Store(EngineConfig.DEFAULT.withTier(Tier.COMPILED));
                assertArrayEquals(expected, compiled.instantiate(Wasm.load(wasm), ImportResolver.NONE)
                        .invoke("f", arg), value + " " + arg);
            }
            Trap interpreted = assertThrows(Trap.class, () -> new Store()
                    .instantiate(Wasm.load(wasm), ImportResolver.NONE).invoke("f", trapArg));
            Trap compiled = assertThrows(Trap.class, () -> new Store(EngineConfig.DEFAULT.withTier(Tier.COMPILED))
                    .instantiate(Wasm.load(wasm), ImportResolver.NONE).invoke("f", trapArg));
            SameTrap.assertSameTrap(interpreted, compiled, value);
        }
    }
}
