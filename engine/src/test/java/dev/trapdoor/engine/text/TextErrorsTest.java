package dev.trapdoor.engine.text;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.error.WasmException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Syntax errors say {@code file:line:col} and what was expected; nothing but a {@link WasmException} escapes. */
class TextErrorsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "(module (func (i32.const 1) (i32.ad)))      | 1:30 | unknown operator",
        "(module\\n  (func (result i32)\\n    (i32.const 0x1_0000_0000)))| 3:16 | constant out of range",
        "(module (func (local $x i32) (local $x i64)))| 1:37 | duplicate local $x",
        "(module (memory 1) (func (drop (i32.load align=3 (i32.const 0)))))| 1:42 | alignment must be a power of two",
        "(module (func br $nowhere))                  | 1:18 | unknown label $nowhere",
        "(module (func block $a end $b))              | 1:28 | mismatching label $b",
        "(module (func (block $a end)))               | 1:25 | unexpected \"end\"",
        "(module (func) (import \"m\" \"f\" (func)))   | 1:16 | import after function",
        "(module (func (param i32 i64) (param $x)))   | 1:31 | expected a value type",
        "(module (type (func)) (func (type 0) (param i32)))| 1:29 | inline function type does not match",
        "(module (func \"unterminated))                | 1:15 | unterminated string",
        "(module (func)                               | 1:1  | expected \")\"",
        "(module (global i32 (f32.const nan:0x0)))    | 1:32 | constant out of range",
    })
    void reportsWhereAndWhat(String source, String position, String reason) {
        TextFormatException e = assertThrows(TextFormatException.class,
                () -> Wat.compile("t.wat", source.replace("\\n", "\n")));
        assertEquals("t.wat:" + position.strip(), e.file() + ":" + e.line() + ":" + e.column(), e.getMessage());
        assertTrue(e.reason().contains(reason.strip()), e.getMessage());
        assertTrue(e.getMessage().startsWith("t.wat:" + position.strip() + ": "), e.getMessage());
    }

    /** Every prefix of a module that uses most of the syntax: a result or a text error, never another exception. */
    @Test
    void everyTruncationFailsCleanly() {
        String text = """
                (module $m (type $t (func (param i32) (result i32)))
                  (import "env" "g" (global $g (mut i32)))
                  (memory $mem (export "mem") 1 2) (table 2 funcref) (elem (i32.const 0) $f)
                  (data (i32.const 8) "a\\00\\u{e9}")
                  (func $f (type $t) (param $x i32) (result i32) (local f64)
                    (if (result i32) (local.get $x) (then (i32.const 1))
                      (else (call_indirect (type $t) (i32.const 0) (i32.const 1))))
                    (block $b (br_table $b $b (i32.const 0)))
                    (i32.store offset=4 align=2 (i32.const 0) (global.get $g))
                    (drop (f64.const -0x1.8p3)) (select (i32.const 1) (i32.const 2) (i32.const 0)) drop)
                  (start 0))
                """;
        for (int end = 0; end <= text.length(); end++) {
            String prefix = text.substring(0, end);
            try {
                Wasm.load(Wat.compile("t.wat", prefix).binary());
            } catch (WasmException e) {
                // expected for most prefixes
            } catch (RuntimeException | StackOverflowError e) {
                fail("prefix of " + end + " characters threw " + e, e);
            }
        }
    }
}
