package dev.trapdoor.engine.dwarf;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Type spelling, scalar encodings and composite places, on hand-made types and a fake machine. */
class TypesAndPlacesTest {
    private static CType wrap(CType.Kind kind, CType target) {
        CType t = new CType(kind);
        t.target = target;
        return t;
    }

    private static CType array(CType element, long count) {
        CType t = wrap(CType.Kind.ARRAY, element);
        t.count = count;
        return t;
    }

    @Test
    void typesAreSpelledAsCDeclaresThem() {
        CType character = CType.base("char", 1, CType.ATE_SIGNED_CHAR);
        CType integer = CType.base("int", 4, CType.ATE_SIGNED);
        CType point = new CType(CType.Kind.STRUCT);
        point.name = "point";
        assertEquals("const char *", CType.pointerTo(wrap(CType.Kind.CONST, character), 4).spell());
        assertEquals("char *const", wrap(CType.Kind.CONST, CType.pointerTo(character, 4)).spell());
        assertEquals("char **", CType.pointerTo(CType.pointerTo(character, 4), 4).spell());
        assertEquals("struct point *", CType.pointerTo(point, 4).spell());
        assertEquals("int[2][3]", array(array(integer, 3), 2).spell());
        assertEquals("int (*)[4]", CType.pointerTo(array(integer, 4), 4).spell());
        assertEquals("char *[3]", array(CType.pointerTo(character, 4), 3).spell());
        assertEquals("void *", CType.pointerTo(CType.VOID, 4).spell());
        CType function = wrap(CType.Kind.FUNCTION, integer);
        function.parameters.add(integer);
        function.parameters.add(CType.pointerTo(character, 4));
        assertEquals("int (*)(int, char *)", CType.pointerTo(function, 4).spell());
        assertEquals(24, array(array(integer, 3), 2).byteSize());
    }

    @Test
    void floatsFormatLikeC() {
        assertEquals("3.5", Scalars.formatFloat(3.5, true));
        assertEquals("1", Scalars.formatFloat(1.0, false));
        assertEquals("-0.25", Scalars.formatFloat(-0.25, false));
        assertEquals("1e+20", Scalars.formatFloat(1e20, false));
        assertEquals("nan", Scalars.formatFloat(Double.NaN, false));
        assertEquals("-inf", Scalars.formatFloat(Double.NEGATIVE_INFINITY, false));
        assertEquals("0.1", Scalars.formatFloat(0.1f, true), "float's own shortest digits, not double's");
    }

    @Test
    void longDoubleIsBinary128() {
        for (double d : new double[] {1.0, -2.5, 3.141592653589793, 1e-300, 4.9e-324, 1e300}) {
            assertEquals(d, Scalars.toDouble(Scalars.fromDouble(d, 16), 16), "round trip " + d);
        }
        // 1.0 in binary128: biased exponent 0x3fff, zero fraction.
        byte[] one = new byte[16];
        one[15] = 0x3f;
        one[14] = (byte) 0xff;
        assertArrayEquals(one, Scalars.fromDouble(1.0, 16));
    }

    @Test
    void integersAreLittleEndianAndSignExtended() {
        assertEquals(-7, Scalars.toLong(new byte[] {(byte) 0xf9, (byte) 0xff}, 2, true));
        assertEquals(0xfff9, Scalars.toLong(new byte[] {(byte) 0xf9, (byte) 0xff}, 2, false));
        assertArrayEquals(new byte[] {(byte) 0xf9, (byte) 0xff}, Scalars.fromLong(-7, 2));
    }

    @Test
    void piecesJoinPartsFromDifferentPlaces() {
        FakeMachineState state = new FakeMachineState(64);
        state.locals[2] = 0x11223344L;
        state.memory[8] = 0x55;
        state.memory[9] = 0x66;
        Place place = new Place.Pieces(List.of(new Place.Pieces.Piece(new Place.Slot(DwOp.WASM_LOCAL, 2), 4),
                new Place.Pieces.Piece(new Place.Memory(8), 2)));
        assertArrayEquals(new byte[] {0x44, 0x33, 0x22, 0x11, 0x55, 0x66}, place.read(state, 0, 6));
        assertArrayEquals(new byte[] {0x22, 0x11, 0x55}, place.read(state, 2, 3));
        assertThrows(IllegalArgumentException.class, () -> place.write(state, 0, new byte[1]));
        Place missing = new Place.Pieces(List.of(new Place.Pieces.Piece(new Place.Unavailable("optimized out"), 4)));
        assertNull(missing.read(state, 0, 4));
    }

    @Test
    void writingASlotKeepsI32SlotsSignExtended() {
        FakeMachineState state = new FakeMachineState(0);
        Place.Slot local = new Place.Slot(DwOp.WASM_LOCAL, 1);
        local.write(state, 0, Scalars.fromLong(-5, 4));
        assertEquals(-5, state.locals[1]);
        assertNull(new Place.Slot(DwOp.WASM_OPERAND, 5).read(state, 0, 4), "past the operand stack");
        assertNull(new Place.Memory(62).read(state, 0, 4), "past the memory");
    }
}
