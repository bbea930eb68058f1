package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.text.Wat;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * {@code array.new_fixed} of 6,500 operands compiles and runs: one instruction whose operand stores alone (11 bytes
 * each) would pass a JVM method's 64 KB starts a fresh chunk, whose entry finds its operands in the value stack, so
 * it stores none of them. (Not the limit of 10,000: the interpreter's translation, which instantiation runs too, takes
 * time quadratic in the operand stack's height.)
 */
class GcLargeOperandsTest {
    private static final int N = 6_500;

    @Test
    void anArrayOfThousandsOfOperandsRunsCompiled() {
        StringBuilder wat = new StringBuilder("""
                (module
                  (type $arr (array i32))
                  (func (export "run") (result i32 i32 i32) (local $a (ref null $arr))
                    (local.set $a (array.new_fixed $arr""").append(' ').append(N);
        for (int i = 0; i < N; i++) {
            wat.append(" (i32.const ").append(i * 3).append(')');
        }
        wat.append("""
                )) (array.len (local.get $a)) (array.get $arr (local.get $a) (i32.const 0))
                    (array.get $arr (local.get $a) (i32.const 6499))))
                """);
        WasmModule module = Wasm.load(Wat.compile("large.wat", wat.toString()).binary());
        Store store = new Store(EngineConfig.DEFAULT.withTier(Tier.COMPILED));
        Instance inst = store.instantiate(module, ImportResolver.NONE);
        assertNotNull(inst.function("run").jit, "declined");
        assertArrayEquals(new long[]{N, 0, 3 * (N - 1)}, inst.function("run").call());
    }
}
