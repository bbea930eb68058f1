package dev.trapdoor.engine.spec;

import dev.trapdoor.engine.exec.Values;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runner's value parsing and matching: if these are wrong, the whole suite's verdicts are. */
class SpecValuesTest {
    private static WastValue v(String type, String value) {
        return new WastValue(type, value);
    }

    @Test
    void parsesUnsignedDecimalsIntoSlots() {
        assertEquals(-1L, SpecValues.toSlot(v("i32", "4294967295")), "i32 is sign-extended");
        assertEquals(0x7FFF_FFFFL, SpecValues.toSlot(v("i32", "2147483647")));
        assertEquals(-1L, SpecValues.toSlot(v("i64", "18446744073709551615")));
        assertEquals(0xBF80_0000L, SpecValues.toSlot(v("f32", "3212836864")), "f32 -1.0 keeps zero high bits");
        assertEquals(Double.doubleToRawLongBits(-0.0), SpecValues.toSlot(v("f64", "9223372036854775808")));
        assertEquals(Values.NULL_REF, SpecValues.toSlot(v("externref", "null")));
        assertEquals(Values.NULL_REF, SpecValues.toSlot(v("funcref", "null")));
        assertEquals(42L, SpecValues.toSlot(v("externref", "42")));
        assertEquals(-5L, SpecValues.toSlot(v("i32", "-5")));
    }

    @Test
    void rejectsWhatItCannotRepresent() {
        assertThrows(IllegalArgumentException.class, () -> SpecValues.toSlot(v("funcref", "3")));
        assertThrows(IllegalArgumentException.class, () -> SpecValues.toSlot(v("i128", "0")));
        assertThrows(IllegalArgumentException.class, () -> SpecValues.toSlot(v("v128", "i32x4 1 2 3 4")),
                "a v128 is two longs, not one slot");
        assertThrows(TestAbortedException.class, () -> SpecValues.toSlot(v("ref.struct", null)),
                "3.0 result patterns are a missing feature, not a malformed value");
    }

    @Test
    void readsV128ValuesAsTwoHalves() {
        assertArrayEquals(new long[] {0x0000_0002_0000_0001L, 0x0000_0004_0000_0003L, 7},
                SpecValues.toSlots(List.of(v("v128", "i32x4 1 2 3 4"), v("i64", "7"))));
        assertArrayEquals(new long[] {0xFF01L, 0x8000_0000_0000_0000L},
                SpecV128.parse("i8x16 1 -1 0 0 0 0 0 0 0 0 0 0 0 0 0 -128"));
        assertNull(SpecValues.mismatch(List.of(v("v128", "f32x4 nan:canonical 1.0 0 0")),
                new long[] {0x3F80_0000_7FC0_0000L, 0}));
        assertNotNull(SpecValues.mismatch(List.of(v("v128", "f32x4 nan:canonical 1.0 0 0")),
                new long[] {0x3F80_0000_7FA0_0000L, 0}), "a signalling NaN is not canonical");
        assertNotNull(SpecValues.mismatch(List.of(v("v128", "i16x8 0 0 0 0 0 0 0 1")), new long[] {0, 0}));
    }

    @Test
    void comparesFloatsBitwise() {
        assertNull(SpecValues.mismatch(v("f32", "2147483648"), 0x8000_0000L), "-0.0 equals -0.0");
        assertNotNull(SpecValues.mismatch(v("f32", "0"), 0x8000_0000L), "+0.0 is not -0.0");
        assertNull(SpecValues.mismatch(v("f64", "9221120237041090560"), 0x7FF8_0000_0000_0000L));
        assertNotNull(SpecValues.mismatch(v("f64", "9221120237041090561"), 0x7FF8_0000_0000_0000L),
                "a NaN payload given exactly must match exactly");
    }

    @Test
    void matchesCanonicalNans() {
        WastValue f32 = v("f32", "nan:canonical");
        assertNull(SpecValues.mismatch(f32, 0x7FC0_0000L));
        assertNull(SpecValues.mismatch(f32, 0xFFC0_0000L), "either sign");
        assertNotNull(SpecValues.mismatch(f32, 0x7FC0_0001L), "payload must be exactly the quiet bit");
        assertNotNull(SpecValues.mismatch(f32, 0x7F80_0000L), "infinity is no NaN");
        assertNotNull(SpecValues.mismatch(f32, 0x7FA0_0000L), "signalling NaN");
        WastValue f64 = v("f64", "nan:canonical");
        assertNull(SpecValues.mismatch(f64, 0x7FF8_0000_0000_0000L));
        assertNull(SpecValues.mismatch(f64, 0xFFF8_0000_0000_0000L));
        assertNotNull(SpecValues.mismatch(f64, 0x7FF8_0000_0000_0001L));
        assertNotNull(SpecValues.mismatch(f64, 0x7FF0_0000_0000_0000L));
    }

    @Test
    void matchesArithmeticNans() {
        WastValue f32 = v("f32", "nan:arithmetic");
        assertNull(SpecValues.mismatch(f32, 0x7FC0_0000L));
        assertNull(SpecValues.mismatch(f32, 0xFFC0_0001L), "any payload with the quiet bit set");
        assertNull(SpecValues.mismatch(f32, 0x7FFF_FFFFL));
        assertNotNull(SpecValues.mismatch(f32, 0x7FA0_0000L), "quiet bit clear");
        assertNotNull(SpecValues.mismatch(f32, 0x3FC0_0000L), "not a NaN at all");
        WastValue f64 = v("f64", "nan:arithmetic");
        assertNull(SpecValues.mismatch(f64, 0xFFFC_0000_0000_0001L));
        assertNotNull(SpecValues.mismatch(f64, 0x7FF4_0000_0000_0000L));
        assertNotNull(SpecValues.mismatch(f64, 0x3FF8_0000_0000_0000L));
    }

    @Test
    void insistsOnCanonicalSlots() {
        String notExtended = SpecValues.mismatch(v("i32", "4294967295"), 0xFFFF_FFFFL);
        assertNotNull(notExtended);
        assertTrue(notExtended.contains("not sign-extended"), notExtended);
        String highBits = SpecValues.mismatch(v("f32", "1065353216"), 0xFFFF_FFFF_3F80_0000L);
        assertNotNull(highBits);
        assertTrue(highBits.contains("high bits"), highBits);
        assertNotNull(SpecValues.mismatch(v("f32", "nan:canonical"), 0x1_7FC0_0000L));
    }

    @Test
    void matchesReferences() {
        assertNull(SpecValues.mismatch(v("externref", "null"), Values.NULL_REF));
        assertNotNull(SpecValues.mismatch(v("externref", "null"), 0));
        assertNull(SpecValues.mismatch(v("externref", "1"), 1));
        assertNotNull(SpecValues.mismatch(v("externref", "1"), 2));
        assertNull(SpecValues.mismatch(v("funcref", "null"), Values.NULL_REF));
        assertNull(SpecValues.mismatch(v("funcref", null), 7), "a bare ref.func pattern takes any function");
        assertNotNull(SpecValues.mismatch(v("funcref", null), Values.NULL_REF));
    }

    @Test
    void comparesResultLists() {
        List<WastValue> two = List.of(v("i32", "1"), v("i64", "2"));
        assertNull(SpecValues.mismatch(two, new long[] {1, 2}));
        assertNotNull(SpecValues.mismatch(two, new long[] {1}), "arity");
        String m = SpecValues.mismatch(two, new long[] {1, 3});
        assertNotNull(m);
        assertTrue(m.startsWith("result 1:"), m);
        assertNull(SpecValues.mismatch(List.of(), new long[0]));
        assertNotNull(SpecValues.mismatch(List.of(), null));
    }
}
