package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.ValType;
import dev.trapdoor.engine.text.Wat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Typed calls that reach their callee through the value stack ({@link StackAdapters} up to its arity, the collecting
 * adapter past it): a host function and a function of several chunks get every argument in its own slot, in order,
 * at each arity, as in the interpreter.
 */
class StackAdaptersTest {
    /** A module whose compiled {@code run} calls a host import and a local function, both with {@code n} params. */
    private static String wat(int n) {
        StringBuilder params = new StringBuilder();
        StringBuilder args = new StringBuilder();
        StringBuilder mix = new StringBuilder("(i64.const 7)");
        for (int i = 0; i < n; i++) {
            params.append(" i64");
            args.append(" (i64.add (local.get 0) (i64.const ").append(1000 * (i + 1)).append("))");
            // A weighted sum in a long enough body that 64-byte chunks cut it: a swapped pair changes the result.
            mix = new StringBuilder("(i64.add (i64.mul ").append(mix).append(" (i64.const 31)) (local.get ")
                    .append(i).append("))");
        }
        return "(module\n"
                + "  (import \"env\" \"host\" (func $host (param" + params + ") (result i64)))\n"
                + "  (func $mix (param" + params + ") (result i64) " + mix + ")\n"
                + "  (func (export \"run\") (param i64) (result i64)\n"
                + "    (i64.add (call $host" + args + ") (i64.mul (call $mix" + args + ") (i64.const 3)))))\n";
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 9})
    void everyArgumentArrivesInItsSlot(int n) {
        long[] interpreted = run(n, EngineConfig.DEFAULT, new ArrayList<>());
        List<long[]> seen = new ArrayList<>();
        long[] compiled = run(n, EngineConfig.DEFAULT.withTier(Tier.COMPILED).withChunkBudget(64), seen);
        assertArrayEquals(interpreted, compiled);
        long[] expected = new long[n];
        for (int i = 0; i < n; i++) {
            expected[i] = 5 + 1000 * (i + 1);
        }
        assertEquals(1, seen.size());
        assertArrayEquals(expected, seen.get(0), "the host function's arguments");
    }

    private static long[] run(int n, EngineConfig config, List<long[]> seen) {
        Store store = new Store(config);
        ValType[] params = new ValType[n];
        Arrays.fill(params, ValType.I64);
        FunctionInstance host = store.hostFunction("host", FuncType.of(params, new ValType[] {ValType.I64}),
                (caller, args) -> {
                    seen.add(args.clone());
                    long h = 11;
                    for (long a : args) {
                        h = h * 17 + a;
                    }
                    return new long[] {h};
                });
        Instance inst = store.instantiate(Wasm.load(Wat.compile("t.wat", wat(n)).binary()), (m, name) -> host);
        return inst.invoke("run", 5);
    }
}
