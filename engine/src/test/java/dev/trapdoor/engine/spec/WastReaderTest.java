package dev.trapdoor.engine.spec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.text.TextFormatException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The script reader on the 3.0 command forms, and its errors. */
class WastReaderTest {
    @Test
    void readsThe30Commands() {
        List<WastCommand> cs = WastReader.read("t.wast", """
                (module definition $M (func (export "f") (result i32) (i32.const 7)))
                (module instance $I $M)
                (register "i")
                (module $B binary "\\00asm" "\\01\\00\\00\\00")
                (assert_return (invoke $I "f") (either (i32.const 1) (i32.const 7)))
                (assert_return (invoke "g") (ref.null) (ref.struct) (ref.func) (f32.const nan:arithmetic))
                (assert_exception (invoke "throws"))
                (assert_trap (module (func $s unreachable) (start $s)) "unreachable")
                (assert_malformed (module quote "(func" "(i32.const))") "unexpected token")
                (get $I "g")
                """);
        assertEquals(List.of("module_definition", "module_instance", "register", "module", "assert_return",
                "assert_return", "assert_exception", "assert_uninstantiable", "assert_malformed", "action"),
                cs.stream().map(WastCommand::type).toList());
        assertEquals("$M", cs.get(0).name());
        assertEquals(7, Wasm.load(cs.get(0).module().bytes()).bodies().size() * 7);
        assertEquals("$I", cs.get(1).name());
        assertEquals("$M", cs.get(1).as());
        assertNull(cs.get(2).name(), "register without a module name registers the current one");
        assertEquals(8, cs.get(3).module().bytes().length);
        assertEquals("either", cs.get(4).expected().get(0).type());
        assertEquals(List.of("ref.null", "ref.struct", "funcref", "f32"),
                cs.get(5).expected().stream().map(WastValue::type).toList());
        assertEquals("nan:arithmetic", cs.get(5).expected().get(3).value());
        assertTrue(cs.get(8).isTextModule());
        assertThrows(TextFormatException.class, () -> cs.get(8).module().bytes(), "i32.const without its literal");
        assertEquals(10, cs.get(9).line());
    }

    @Test
    void valuesAreWast2jsonsUnsignedBits() {
        WastCommand c = WastReader.read("t.wast",
                "(invoke \"f\" (i32.const -1) (i64.const -2) (f32.const -0x1p-1) (f64.const 1e0))").get(0);
        assertEquals(List.of("4294967295", "18446744073709551614", "3204448256", "4607182418800017408"),
                c.action().args().stream().map(WastValue::value).toList());
    }

    @Test
    void scriptErrorsNameTheirPosition() {
        TextFormatException e = assertThrows(TextFormatException.class,
                () -> WastReader.read("t.wast", "(module)\n(assert_return (invoke \"f\") (i33.const 1))"));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().startsWith("t.wast:2:"), e.getMessage());
        assertThrows(TextFormatException.class, () -> WastReader.read("t.wast", "(frobnicate)"));
    }
}
