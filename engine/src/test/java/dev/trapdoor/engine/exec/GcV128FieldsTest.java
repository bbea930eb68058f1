package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.text.Wat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** v128 fields and elements keep both halves through every GC instruction that moves them, in every tier. */
class GcV128FieldsTest {
    private static final String WAT = """
            (module
              (type $pair (struct (field $tag i32) (field $v (mut v128))))
              (type $vecs (array (mut v128)))
              (global $g (export "g") (ref $pair) (struct.new $pair (i32.const 9) (v128.const i32x4 1 2 3 4)))
              (global $ga (ref $vecs) (array.new $vecs (v128.const i64x2 5 6) (i32.const 2)))
              (data $d "\\01\\02\\03\\04\\05\\06\\07\\08\\09\\0a\\0b\\0c\\0d\\0e\\0f\\10\\11\\12\\13\\14\\15\\16\\17\\18\\19\\1a\\1b\\1c\\1d\\1e\\1f\\20")
              (func (export "field") (param i64 i64) (result v128)
                (local $p (ref $pair))
                (local.set $p (struct.new $pair (i32.const 1) (i64x2.replace_lane 1
                  (i64x2.splat (local.get 0)) (local.get 1))))
                (struct.get $pair $v (local.get $p)))
              (func (export "set") (result v128)
                (local $p (ref $pair))
                (local.set $p (struct.new_default $pair))
                (struct.set $pair $v (local.get $p) (v128.const i32x4 -1 -2 -3 -4))
                (struct.get $pair $v (local.get $p)))
              (func (export "default") (result v128)
                (struct.get $pair $v (struct.new_default $pair)))
              (func (export "global") (result v128)
                (struct.get $pair $v (global.get $g)))
              (func (export "globalArray") (param i32) (result v128)
                (array.get $vecs (global.get $ga) (local.get 0)))
              (func (export "array") (param i32) (result v128)
                (local $a (ref $vecs))
                (local.set $a (array.new $vecs (v128.const i64x2 7 8) (i32.const 4)))
                (array.set $vecs (local.get $a) (i32.const 1) (v128.const i64x2 9 10))
                (array.fill $vecs (local.get $a) (i32.const 2) (v128.const i64x2 11 12) (i32.const 2))
                (array.copy $vecs $vecs (local.get $a) (i32.const 0) (local.get $a) (i32.const 3) (i32.const 1))
                (array.get $vecs (local.get $a) (local.get 0)))
              (func (export "fixed") (param i32) (result v128)
                (array.get $vecs (array.new_fixed $vecs 2 (v128.const i64x2 13 14) (v128.const i64x2 15 16))
                  (local.get 0)))
              (func (export "data") (param i32) (result v128)
                (local $a (ref $vecs))
                (local.set $a (array.new_data $vecs $d (i32.const 0) (i32.const 2)))
                (array.init_data $vecs $d (local.get $a) (i32.const 1) (i32.const 8) (i32.const 1))
                (array.get $vecs (local.get $a) (local.get 0)))
              (func (export "len") (result i32)
                (array.len (array.new_default $vecs (i32.const 3)))))
            """;

    private static Instance instantiate(Tier tier) {
        return new Store(EngineConfig.DEFAULT.withTier(tier))
                .instantiate(Wasm.load(Wat.compile("v128fields.wat", WAT).binary()), (m, n) -> null);
    }

    @ParameterizedTest
    @EnumSource(Tier.class)
    void v128FieldsKeepBothHalves(Tier tier) {
        Instance inst = instantiate(tier);
        assertArrayEquals(new long[]{0x1234_5678_9ABC_DEF0L, -7L}, inst.invoke("field", 0x1234_5678_9ABC_DEF0L, -7));
        assertArrayEquals(new long[]{0xFFFF_FFFE_FFFF_FFFFL, 0xFFFF_FFFC_FFFF_FFFDL}, inst.invoke("set"));
        assertArrayEquals(new long[]{0, 0}, inst.invoke("default"));
        assertArrayEquals(new long[]{0x2_0000_0001L, 0x4_0000_0003L}, inst.invoke("global"));
        assertArrayEquals(new long[]{5, 6}, inst.invoke("globalArray", 1));
    }

    @ParameterizedTest
    @EnumSource(Tier.class)
    void v128ElementsKeepBothHalves(Tier tier) {
        Instance inst = instantiate(tier);
        assertArrayEquals(new long[]{11, 12}, inst.invoke("array", 0));
        assertArrayEquals(new long[]{9, 10}, inst.invoke("array", 1));
        assertArrayEquals(new long[]{11, 12}, inst.invoke("array", 2));
        assertArrayEquals(new long[]{11, 12}, inst.invoke("array", 3));
        assertArrayEquals(new long[]{15, 16}, inst.invoke("fixed", 1));
        assertArrayEquals(new long[]{0x0807_0605_0403_0201L, 0x100F_0E0D_0C0B_0A09L}, inst.invoke("data", 0));
        // Element 1 re-read from byte 8 of the segment.
        assertArrayEquals(new long[]{0x100F_0E0D_0C0B_0A09L, 0x1817_1615_1413_1211L}, inst.invoke("data", 1));
        assertEquals(3, inst.invoke("len")[0]);
    }

    @ParameterizedTest
    @EnumSource(Tier.class)
    void anObjectShowsItsV128FieldsHighHalf(Tier tier) {
        Store store = new Store(EngineConfig.DEFAULT.withTier(tier));
        Instance inst = store.instantiate(Wasm.load(Wat.compile("v128fields.wat", WAT).binary()), (m, n) -> null);
        GcObject o = store.gcHeap().get(inst.global("g").get());
        assertEquals(dev.trapdoor.engine.model.TypeCode.V128, o.fieldCode(1));
        assertEquals(0x2_0000_0001L, o.get(1));
        assertEquals(0x4_0000_0003L, o.high(1));
        o.setV128(1, 21, 22);
        assertArrayEquals(new long[]{21, 22}, inst.invoke("global"));
    }
}
