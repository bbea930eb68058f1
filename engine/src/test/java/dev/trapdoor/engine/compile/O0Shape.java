package dev.trapdoor.engine.compile;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.exec.EngineConfig;
import dev.trapdoor.engine.exec.ImportResolver;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.exec.Store;
import dev.trapdoor.engine.exec.WasmThrow;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.testing.SameTrap;
import dev.trapdoor.engine.text.Wat;
import dev.trapdoor.engine.trap.Trap;
import dev.trapdoor.engine.validate.ModuleContext;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * clang -O0's shape of a hot loop, which C1 gave up on ("out of virtual registers in linear scan"): every value goes
 * through a temporary local that is read once, between memory accesses, and the loop calls a function. Export
 * {@code f(a << 16 | n)}: from {@code acc = a}, {@code n} iterations of {@code mem[k] += k} for 40 words (through 40
 * temporaries) and {@code acc = g(acc)}, then {@code acc + mem[n * 64]}, which traps from n = 1,024 on; {@code g}
 * traps ({@code unreachable}) when its argument is 5,000, and throws {@code $e} with it at 6,000, which export
 * {@code caught} catches (returning 100,000 + the payload) and {@code f} does not.
 */
final class O0Shape {
    static final int TEMPORARIES = 40;
    /** f's function index (g is 0, caught 2). */
    static final int F = 1;

    private O0Shape() {
    }

    static String wat() {
        StringBuilder locals = new StringBuilder();
        StringBuilder first = new StringBuilder();
        StringBuilder second = new StringBuilder();
        for (int k = 0; k < TEMPORARIES; k++) {
            locals.append(" (local $t").append(k).append(" i32)");
            StringBuilder to = k < TEMPORARIES / 2 ? first : second;
            to.append("      (local.set $t").append(k).append(" (i32.add (i32.load offset=").append(4 * k)
                    .append(" (i32.const 0)) (i32.const ").append(k).append(")))\n");
            to.append("      (i32.store offset=").append(4 * k).append(" (i32.const 0) (local.get $t").append(k)
                    .append("))\n");
        }
        return """
                (module
                  (memory 1)
                  (tag $e (param i32))
                  (func $g (param i32) (result i32)
                    (if (i32.eq (local.get 0) (i32.const 5000)) (then unreachable))
                    (if (i32.eq (local.get 0) (i32.const 6000)) (then (throw $e (local.get 0))))
                    (i32.add (local.get 0) (i32.const 1)))
                  (func $f (export "f") (param $n i32) (result i32) (local $i i32) (local $acc i32)%s
                    (local.set $acc (i32.shr_u (local.get $n) (i32.const 16)))
                    (local.set $n (i32.and (local.get $n) (i32.const 0xFFFF)))
                    (loop $l
                %s      (local.set $acc (call $g (local.get $acc)))
                %s      (local.set $i (i32.add (local.get $i) (i32.const 1)))
                      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
                    (i32.add (local.get $acc) (i32.load (i32.mul (local.get $n) (i32.const 64)))))
                  (func (export "caught") (param $n i32) (result i32)
                    (block $h (result i32)
                      (try_table (result i32) (catch $e $h) (call $f (local.get $n)))
                      (return))
                    (i32.add (i32.const 100000))))
                """.formatted(locals, first, second);
    }

    static byte[] wasm() {
        return Wat.compile("o0shape.wat", wat()).binary();
    }

    /** f compiled as a store without a debugger compiles it ({@code liveOnly}) or with one. */
    static CompiledClass compile(int chunkBudget, boolean liveOnly) {
        WasmModule m = Wasm.load(wasm());
        return JvmCompiler.compile(new ModuleContext(m), F, chunkBudget, "dev/trapdoor/engine/exec/Jit$O", false,
                liveOnly);
    }

    /**
     * Under the switch's current value: f's and caught's results equal the interpreter's for a few arguments, and f's
     * traps (out of bounds, unreachable in g in the tenth iteration) too, field by field, and the exception f does not
     * catch passes it in both.
     */
    static void assertSameAsTheInterpreter(EngineConfig compiled, String label) {
        Instance interpreted = new Store().instantiate(Wasm.load(wasm()), ImportResolver.NONE);
        Instance jit = new Store(compiled).instantiate(Wasm.load(wasm()), ImportResolver.NONE);
        for (int n : new int[]{1, 3, 100, 1000}) {
            assertArrayEquals(interpreted.invoke("f", n), jit.invoke("f", n), label + " f " + n);
        }
        for (int n : new int[]{5, 6000 << 16 | 9, 5995 << 16 | 9}) {
            assertArrayEquals(interpreted.invoke("caught", n), jit.invoke("caught", n), label + " caught " + n);
        }
        int uncaughtArg = 6000 << 16 | 3;
        RuntimeException uncaught = assertThrows(WasmThrow.class, () -> interpreted.invoke("f", uncaughtArg));
        assertEquals(uncaught.getMessage(), assertThrows(WasmThrow.class, () -> jit.invoke("f", uncaughtArg))
                .getMessage(), label + " uncaught");
        for (int n : new int[]{1100, 4990 << 16 | 30}) {
            Trap expected = assertThrows(Trap.class, () -> new Store()
                    .instantiate(Wasm.load(wasm()), ImportResolver.NONE).invoke("f", n));
            Trap actual = assertThrows(Trap.class, () -> new Store(compiled)
                    .instantiate(Wasm.load(wasm()), ImportResolver.NONE).invoke("f", n));
            String at = label + " trap " + n;
            SameTrap.assertSameTrap(expected, actual, at);
        }
    }
}
