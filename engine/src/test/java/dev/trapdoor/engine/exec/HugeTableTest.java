package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.error.UninstantiableException;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.testing.Wabt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A table whose minimum no Java array can hold (or that would take gigabytes) is refused at instantiation with the
 * size named, like V8's limit of 10,000,000 elements; never a NegativeArraySizeException or OutOfMemoryError
 * (issue 27).
 */
class HugeTableTest {
    @ParameterizedTest
    @ValueSource(longs = {10_000_001L, 2_147_483_647L, 2_147_483_648L, 4_294_967_295L})
    void aTableOverTheLimitIsUninstantiable(long min) {
        WasmModule module = Wasm.load(Wabt.wat("(module (table " + min + " funcref))"));
        UninstantiableException e = assertThrows(UninstantiableException.class,
                () -> new Store().instantiate(module, ImportResolver.NONE));
        assertTrue(e.getMessage().contains(Long.toString(min)), e.getMessage());
        assertTrue(e.getMessage().contains("10000000"), e.getMessage());
    }

    @Test
    void growingPastTheLimitFailsAsTheSpecAllows() {
        Instance inst = new Store().instantiate(Wasm.load(Wabt.wat("(module (table $t 1 funcref)"
                + " (func (export \"grow\") (param i32) (result i32) (table.grow $t (ref.null func) (local.get 0))))")),
                ImportResolver.NONE);
        assertEquals(-1, inst.invoke("grow", 10_000_000)[0]);
        assertEquals(-1, inst.invoke("grow", -1)[0]);
        assertEquals(1, inst.invoke("grow", 9)[0]);
    }
}
