package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.text.Wat;
import dev.trapdoor.engine.trap.Trap;
import dev.trapdoor.engine.trap.TrapKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GC objects in every tier: structs, arrays, i31, equality and casts, and their traps. */
class GcInstructionsTest {
    private static final String WAT = """
            (module
              (type $point (struct (field $x (mut i32)) (field $y i8)))
              (type $bytes (array (mut i8)))
              (table $t 4 (ref null eq))
              (func (export "init")
                (table.set $t (i32.const 0) (ref.i31 (i32.const 7)))
                (table.set $t (i32.const 1) (struct.new $point (i32.const 3) (i32.const -1)))
                (table.set $t (i32.const 2) (array.new $bytes (i32.const 200) (i32.const 5))))
              (func (export "eq") (param i32 i32) (result i32)
                (ref.eq (table.get $t (local.get 0)) (table.get $t (local.get 1))))
              (func (export "y") (param i32) (result i32 i32)
                (struct.get_s $point $y (ref.cast (ref $point) (table.get $t (local.get 0))))
                (struct.get_u $point $y (ref.cast (ref $point) (table.get $t (local.get 0)))))
              (func (export "bump") (result i32)
                (local $p (ref $point))
                (local.set $p (ref.cast (ref $point) (table.get $t (i32.const 1))))
                (struct.set $point $x (local.get $p) (i32.add (struct.get $point $x (local.get $p)) (i32.const 1)))
                (struct.get $point $x (local.get $p)))
              (func (export "sum") (result i32)
                (local $a (ref $bytes)) (local $i i32) (local $s i32)
                (local.set $a (ref.cast (ref $bytes) (table.get $t (i32.const 2))))
                (array.set $bytes (local.get $a) (i32.const 4) (i32.const 300))
                (block $done (loop $next
                  (br_if $done (i32.ge_u (local.get $i) (array.len (local.get $a))))
                  (local.set $s (i32.add (local.get $s) (array.get_u $bytes (local.get $a) (local.get $i))))
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (br $next)))
                (local.get $s))
              (func (export "test") (param i32) (result i32)
                (i32.add (i32.mul (i32.const 100) (ref.test i31ref (table.get $t (local.get 0))))
                  (i32.add (i32.mul (i32.const 10) (ref.test (ref struct) (table.get $t (local.get 0))))
                    (ref.test (ref $bytes) (table.get $t (local.get 0))))))
              (func (export "i31") (result i32)
                (i31.get_s (ref.cast i31ref (table.get $t (i32.const 0)))))
              (func (export "kind") (param i32) (result i32)
                (block $i31 (result i31ref)
                  (br_on_cast $i31 anyref i31ref (table.get $t (local.get 0)))
                  (return (i32.const -1)))
                (i31.get_u))
              (func (export "bad") (result i32)
                (array.len (ref.cast (ref array) (table.get $t (i32.const 1)))))
              (func (export "oob") (result i32)
                (array.get_u $bytes (ref.cast (ref $bytes) (table.get $t (i32.const 2))) (i32.const 5)))
              (func (export "nullStruct") (result i32)
                (struct.get $point $x (ref.null $point)))
              (func (export "huge") (result i32)
                (array.len (array.new_default $bytes (i32.const -1)))))
            """;

    private static Instance instance(Tier tier) {
        Instance inst = new Store(EngineConfig.DEFAULT.withTier(tier))
                .instantiate(Wasm.load(Wat.compile("gc.wat", WAT).binary()), ImportResolver.NONE);
        inst.invoke("init");
        return inst;
    }

    @ParameterizedTest
    @EnumSource(Tier.class)
    void objectsHoldTheirFieldsAndCompareByIdentity(Tier tier) {
        Instance inst = instance(tier);
        assertEquals(1, (int) inst.invoke("eq", 0, 0)[0]);
        assertEquals(0, (int) inst.invoke("eq", 0, 1)[0]);
        assertEquals(1, (int) inst.invoke("eq", 3, 3)[0], "null equals null");
        assertEquals(-1, (int) inst.invoke("y", 1)[0]);
        assertEquals(255, (int) inst.invoke("y", 1)[1]);
        assertEquals(4, (int) inst.invoke("bump")[0]);
        assertEquals(5, (int) inst.invoke("bump")[0]);
        assertEquals(200 * 4 + (300 & 0xFF), (int) inst.invoke("sum")[0]);
        assertEquals(7, (int) inst.invoke("i31")[0]);
    }

    @ParameterizedTest
    @EnumSource(Tier.class)
    void castsTestRunTimeTypes(Tier tier) {
        Instance inst = instance(tier);
        assertEquals(100, (int) inst.invoke("test", 0)[0]);
        assertEquals(10, (int) inst.invoke("test", 1)[0]);
        assertEquals(1, (int) inst.invoke("test", 2)[0]);
        assertEquals(100, (int) inst.invoke("test", 3)[0], "a null is an i31ref");
        assertEquals(7, (int) inst.invoke("kind", 0)[0]);
        assertEquals(-1, (int) inst.invoke("kind", 1)[0]);
        Trap cast = assertThrows(Trap.class, () -> inst.invoke("bad"));
        assertEquals(TrapKind.CAST_FAILURE, cast.kind());
        assertTrue(cast.getMessage().contains("expected (ref array), got struct"), cast.getMessage());
        assertEquals(TrapKind.ARRAY_OUT_OF_BOUNDS, assertThrows(Trap.class, () -> inst.invoke("oob")).kind());
        assertEquals(TrapKind.NULL_STRUCTURE_REFERENCE,
                assertThrows(Trap.class, () -> inst.invoke("nullStruct")).kind());
    }

    @ParameterizedTest
    @EnumSource(Tier.class)
    void anAllocationTheHeapCannotHoldTrapsInsteadOfThrowingOutOfMemoryError(Tier tier) {
        Instance inst = instance(tier);
        assertEquals(TrapKind.OUT_OF_MEMORY, assertThrows(Trap.class, () -> inst.invoke("huge")).kind());
    }

    @org.junit.jupiter.api.Test
    void aStructTypeIsNoFunctionType() {
        String wat = "(module (type $s (struct)) (func (type $s)))";
        assertThrows(dev.trapdoor.engine.error.InvalidModuleException.class,
                () -> Wasm.load(Wat.compile("bad.wat", wat).binary()));
    }
}
