package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.ValType;
import dev.trapdoor.engine.testing.Wabt;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code i32.wrap_i64} emits no code: the i64 stays in its slot with its high bits, and every i32 consumer reads
 * only the low 32. Each export feeds such a value to one kind of consumer, with high bits that would change the
 * answer if they leaked.
 */
class WrapTest {
    private static final String WAT = "(module (import \"host\" \"see\" (func $see (param i32) (result i32)))"
            + " (memory 1) (data (i32.const 0) \"\\0a\\0b\\0c\\0d\")"
            + " (global $g (export \"g\") (mut i32) (i32.const 0))"
            + " (type $v (func (result i32))) (table 2 funcref) (elem (i32.const 0) $ten $eleven)"
            + " (func $ten (result i32) (i32.const 10)) (func $eleven (result i32) (i32.const 11))"
            + " (func (export \"ret\") (param i64) (result i32) (i32.wrap_i64 (local.get 0)))"
            + " (func (export \"add\") (param i64) (result i32) (i32.add (i32.wrap_i64 (local.get 0)) (i32.const 1)))"
            + " (func (export \"if\") (param i64) (result i32)"
            + "   (if (result i32) (i32.wrap_i64 (local.get 0)) (then (i32.const 1)) (else (i32.const 0))))"
            + " (func (export \"ltu\") (param i64) (result i32)"
            + "   (if (result i32) (i32.lt_u (i32.wrap_i64 (local.get 0)) (i32.const 5))"
            + "     (then (i32.const 1)) (else (i32.const 0))))"
            + " (func (export \"eqLocal\") (param i64) (result i32) (local i32)"
            + "   (local.set 1 (i32.wrap_i64 (local.get 0))) (i32.eq (local.get 1) (i32.const 7)))"
            + " (func (export \"divu\") (param i64) (result i32) (i32.div_u (i32.wrap_i64 (local.get 0)) (i32.const 3)))"
            + " (func (export \"shru\") (param i64) (result i32) (i32.shr_u (i32.wrap_i64 (local.get 0)) (i32.const 1)))"
            + " (func (export \"extu\") (param i64) (result i64) (i64.extend_i32_u (i32.wrap_i64 (local.get 0))))"
            + " (func (export \"exts\") (param i64) (result i64) (i64.extend_i32_s (i32.wrap_i64 (local.get 0))))"
            + " (func (export \"cvt\") (param i64) (result f64) (f64.convert_i32_u (i32.wrap_i64 (local.get 0))))"
            + " (func (export \"load\") (param i64) (result i32) (i32.load8_u (i32.wrap_i64 (local.get 0))))"
            + " (func (export \"set\") (param i64) (global.set $g (i32.wrap_i64 (local.get 0))))"
            + " (func (export \"host\") (param i64) (result i32) (call $see (i32.wrap_i64 (local.get 0))))"
            + " (func (export \"table\") (param i64) (result i32)"
            + "   (block (block (br_table 0 1 (i32.wrap_i64 (local.get 0)))) (return (i32.const 20)))"
            + "   (i32.const 21))"
            + " (func (export \"icall\") (param i64) (result i32)"
            + "   (call_indirect (type $v) (i32.wrap_i64 (local.get 0)))))";

    private final List<Long> hostSaw = new ArrayList<>();
    private final Instance instance;

    WrapTest() {
        Store store = new Store();
        FuncType see = FuncType.of(new ValType[]{ValType.I32}, new ValType[]{ValType.I32});
        instance = store.instantiate(Wasm.load(Wabt.wat(WAT)), (m, n) -> store.hostFunction(n, see, (caller, args) -> {
            hostSaw.add(args[0]);
            return new long[]{args[0]};
        }));
    }

    private long call(String export, long x) {
        return instance.invoke(export, x)[0];
    }

    @Test
    void arithmeticAndComparisonsSeeTheLow32Bits() {
        assertEquals(-1, call("ret", 0x5_FFFF_FFFFL));
        assertEquals(8, call("add", 0x7_0000_0007L));
        assertEquals(0, call("if", 0x1_0000_0000L), "low bits zero: false");
        assertEquals(1, call("ltu", 0x9_0000_0004L));
        assertEquals(0, call("ltu", 0x0_0000_0009L));
        assertEquals(1, call("eqLocal", 0x5_0000_0007L));
        assertEquals(0x5555_5555L, call("divu", 0x3_FFFF_FFFFL));
        assertEquals(0x4000_0000L, call("shru", 0xFFFF_FFFF_8000_0000L));
    }

    @Test
    void conversionsSeeTheLow32Bits() {
        assertEquals(0xFFFF_FFFEL, call("extu", 0x1234_FFFF_FFFEL));
        assertEquals(-2L, call("exts", 0x1234_FFFF_FFFEL));
        assertEquals(4294967294.0, Double.longBitsToDouble(call("cvt", 0x1234_FFFF_FFFEL)));
    }

    @Test
    void addressesAndIndicesSeeTheLow32Bits() {
        assertEquals(0x0c, call("load", 0x1_0000_0002L));
        assertEquals(21, call("table", 0x1_0000_0001L));
        assertEquals(20, call("table", 0x1_0000_0000L));
        assertEquals(11, call("icall", 0x3_0000_0001L));
    }

    @Test
    void whatLeavesTheInterpreterIsNormalized() {
        instance.invoke("set", 0x7_8000_0000L);
        assertEquals((long) Integer.MIN_VALUE, instance.global("g").get(), "globals read by the host");
        assertEquals((long) Integer.MIN_VALUE, call("host", 0x7_8000_0000L));
        assertEquals(List.of((long) Integer.MIN_VALUE), hostSaw, "host arguments");
    }
}
