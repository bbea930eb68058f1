package dev.trapdoor.dap.adapt;

import dev.trapdoor.engine.model.ValType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** v128 values as a person reads and types them: summary, lanes by shape, whole values from hex or lanes. */
class V128ValuesTest {
    private static final long LOW = 0x0000_0002_0000_0001L;
    private static final long HIGH = 0x0000_0004_FFFF_FFFDL;

    @Test
    void theSummaryIsOneLittleEndianNumberThatParsesBack() {
        String s = V128Values.summary(LOW, HIGH);
        assertEquals("0x00000004fffffffd0000000200000001", s);
        assertArrayEquals(new long[] {LOW, HIGH}, V128Values.parse(s));
        assertArrayEquals(new long[] {0x2A, 0}, V128Values.parse("0x2a"), "short hex is zero-extended");
    }

    @Test
    void lanesReadSignedAndInEveryShape() {
        assertEquals(-3, V128Values.lane(LOW, HIGH, "i32x4", 2));
        assertEquals(4, V128Values.lane(LOW, HIGH, "i32x4", 3));
        assertEquals(-3, V128Values.lane(LOW, HIGH, "i8x16", 8), "0xfd as a signed byte");
        assertEquals(HIGH, V128Values.lane(LOW, HIGH, "i64x2", 1));
        assertEquals(ValType.F32, V128Values.laneType("f32x4"));
        assertEquals(Float.floatToRawIntBits(1.5f) & 0xFFFF_FFFFL,
                V128Values.lane(V128Values.parse("f32x4 1.5 0 0 0")[0], 0, "f32x4", 0));
    }

    @Test
    void aLaneIsReplacedAloneAndLanesOutOfRangeAreRefused() {
        long[] v = V128Values.withLane(LOW, HIGH, "i16x8", 5, 0x1234);
        assertEquals(0x1234, V128Values.lane(v[0], v[1], "i16x8", 5));
        assertEquals(LOW, v[0]);
        assertEquals(-3, V128Values.lane(v[0], v[1], "i16x8", 4), "the neighbouring lane is untouched");
        assertThrows(EvalException.class, () -> V128Values.lane(LOW, HIGH, "i64x2", 2));
        assertArrayEquals(new long[] {LOW, HIGH}, V128Values.parse("i32x4 1 2 -3 4"));
        assertThrows(IllegalArgumentException.class, () -> V128Values.parse("i32x4 1 2 3"));
        assertThrows(IllegalArgumentException.class, () -> V128Values.parse("0x" + "1".repeat(33)));
    }
}
