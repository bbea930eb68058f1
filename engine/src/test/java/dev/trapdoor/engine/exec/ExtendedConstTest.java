package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.error.InvalidModuleException;
import dev.trapdoor.engine.model.GlobalType;
import dev.trapdoor.engine.model.ValType;
import dev.trapdoor.engine.testing.Wabt;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * WebAssembly 3.0's extended constant expressions: {@code i32}/{@code i64} {@code add}, {@code sub} and {@code mul}
 * in global initializers and in data and element offsets, validated and evaluated (modules from
 * {@code wat2wasm --enable-extended-const}).
 */
class ExtendedConstTest {
    private static final String EXTENDED = "--enable-extended-const";

    /** The imported globals {@code env.base32 = 666} and {@code env.base64 = 666}, as the 3.0 suite's spectest. */
    private static final ImportResolver IMPORTS = (module, name) -> switch (module + "." + name) {
        case "env.base32" -> new GlobalInstance(new GlobalType(ValType.I32, false), 666);
        case "env.base64" -> new GlobalInstance(new GlobalType(ValType.I64, false), 666);
        default -> null;
    };

    private static Instance instantiate(String wat) {
        return new Store().instantiate(Wasm.load(Wabt.wat(wat, EXTENDED)), IMPORTS);
    }

    @Test
    void globalInitializers() {
        Instance inst = instantiate("""
                (module
                  (global $base32 (import "env" "base32") i32)
                  (global $base64 (import "env" "base64") i64)
                  (global (export "z3") i32
                    (i32.add (i32.sub (i32.mul (i32.const 20) (i32.const 2)) (i32.const 2)) (i32.const 4)))
                  (global (export "z4") i64
                    (i64.add (i64.sub (i64.mul (i64.const 20) (i64.const 2)) (i64.const 2)) (i64.const 5)))
                  (global (export "z5") i32 (i32.add (global.get $base32) (i32.const 42)))
                  (global (export "z6") i64 (i64.sub (global.get $base64) (i64.const 1000)))
                  (global (export "wrap") i32 (i32.mul (i32.const 0x10000) (i32.const 0x10001)))
                  (global (export "min") i32 (i32.add (i32.const 0x7fffffff) (i32.const 1)))
                  (global (export "big") i64 (i64.mul (i64.const 0x100000000) (i64.const 0x100000001))))
                """);
        assertEquals(42, inst.global("z3").get());
        assertEquals(43, inst.global("z4").get());
        assertEquals(708, inst.global("z5").get());
        assertEquals(-334, inst.global("z6").get());
        // i32 arithmetic wraps at 32 bits, and the slot holds the result sign-extended.
        assertEquals(0x10000, inst.global("wrap").get());
        assertEquals(Integer.MIN_VALUE, inst.global("min").get());
        assertEquals(0x100000000L, inst.global("big").get());
    }

    @Test
    void dataAndElementOffsets() {
        Instance inst = instantiate("""
                (module
                  (global $base32 (import "env" "base32") i32)
                  (memory (export "mem") 1)
                  (data (i32.mul (i32.add (i32.sub (global.get $base32) (i32.const 665)) (i32.const 2)) (i32.const 3))
                    "\\2a")
                  (table (export "t") 8 funcref)
                  (func $f (result i32) (i32.const 7))
                  (elem (i32.sub (i32.const 6) (i32.const 1)) $f)
                  (func (export "call") (param i32) (result i32) (call_indirect (result i32) (local.get 0))))
                """);
        // (666 - 665 + 2) * 3 = 9
        assertEquals(42, inst.memory("mem").readByte(9));
        assertEquals(0, inst.memory("mem").readByte(8));
        assertEquals(7, inst.invoke("call", 5)[0]);
    }

    @Test
    void operandsMustMatch() {
        InvalidModuleException e = assertThrows(InvalidModuleException.class, () -> Wasm.load(Wabt.wat(
                "(module (global i32 (i32.add (i32.const 1) (i64.const 2))))", EXTENDED, "--no-check")));
        assertTrue(e.reason().startsWith("type mismatch"), e.getMessage());
        e = assertThrows(InvalidModuleException.class, () -> Wasm.load(Wabt.wat(
                "(module (global i32 (i32.const 1) (i32.add)))", EXTENDED, "--no-check")));
        assertTrue(e.reason().startsWith("type mismatch"), e.getMessage());
        e = assertThrows(InvalidModuleException.class, () -> Wasm.load(Wabt.wat(
                "(module (global i64 (i32.add (i32.const 1) (i32.const 2))))", EXTENDED, "--no-check")));
        assertTrue(e.reason().startsWith("type mismatch"), e.getMessage());
    }

    @Test
    void otherArithmeticIsNotConstant() {
        for (String op : new String[] {"i32.div_s", "i32.and", "i64.shl", "i64.rem_u"}) {
            String type = op.substring(0, 3);
            InvalidModuleException e = assertThrows(InvalidModuleException.class, () -> Wasm.load(Wabt.wat(
                    "(module (global " + type + " (" + op + " (" + type + ".const 6) (" + type + ".const 3))))",
                    EXTENDED, "--no-check")), op);
            assertEquals("constant expression required", e.reason(), op);
        }
    }
}
