package dev.trapdoor.engine.validate;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.error.InvalidModuleException;
import dev.trapdoor.engine.testing.Wabt;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Errors found outside any instruction name what they can, and never print an offset of -1. */
class ModuleLevelErrorsTest {
    @Test
    void aStartFunctionOfTheWrongTypeNamesTheFunctionWithoutAnOffset() {
        byte[] wasm = Wabt.wat("(module (func $f (param i32)) (start $f))", "--no-check");
        InvalidModuleException e = assertThrows(InvalidModuleException.class, () -> Wasm.load(wasm));
        assertEquals("invalid module: function 0: start function must have type () -> (), has (i32) -> ()",
                e.getMessage());
        assertEquals(-1, e.moduleOffset());
    }

    @Test
    void anOffsetIsShownWhenKnown() {
        assertEquals("invalid module at offset 0x1a: type mismatch",
                new InvalidModuleException(-1, 0x1a, "type mismatch").getMessage());
        assertEquals("invalid module: unknown function 3 (the start function)",
                new InvalidModuleException(-1, -1, "unknown function 3 (the start function)").getMessage());
    }
}
