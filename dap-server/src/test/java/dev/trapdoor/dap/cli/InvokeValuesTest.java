package dev.trapdoor.dap.cli;

import dev.trapdoor.engine.exec.Values;
import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.ValType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InvokeValuesTest {
    private static final FuncType I32_I64_F32_F64 = new FuncType(
            new ValType[] {ValType.I32, ValType.I64, ValType.F32, ValType.F64}, new ValType[0]);

    @Test
    void parsesByParameterType() {
        long[] a = InvokeValues.parseArgs("f", I32_I64_F32_F64, List.of("-7", "0x10", "1.5", "-0.25"));
        assertArrayEquals(new long[] {-7, 16, Values.f32(1.5f), Values.f64(-0.25)}, a);
    }

    @Test
    void integersAcceptTheUnsignedRangeAndHex() {
        assertEquals(-1, InvokeValues.parse(ValType.I32, "0xffffffff"));
        assertEquals(-1, InvokeValues.parse(ValType.I32, "4294967295"));
        assertEquals(Integer.MIN_VALUE, InvokeValues.parse(ValType.I32, "-2147483648"));
        assertEquals(-1L, InvokeValues.parse(ValType.I64, "0xFFFFFFFFFFFFFFFF"));
        assertEquals(Long.MIN_VALUE, InvokeValues.parse(ValType.I64, "-9223372036854775808"));
        assertThrows(NumberFormatException.class, () -> InvokeValues.parse(ValType.I32, "4294967296"));
        assertThrows(NumberFormatException.class, () -> InvokeValues.parse(ValType.I32, "-2147483649"));
        assertThrows(NumberFormatException.class, () -> InvokeValues.parse(ValType.I64, "18446744073709551616"));
        assertThrows(NumberFormatException.class, () -> InvokeValues.parse(ValType.I32, "1.5"));
    }

    @Test
    void floatsAcceptInfAndNan() {
        assertEquals(Values.f64(Double.POSITIVE_INFINITY), InvokeValues.parse(ValType.F64, "inf"));
        assertEquals(Values.f32(Float.NEGATIVE_INFINITY), InvokeValues.parse(ValType.F32, "-inf"));
        assertTrue(Double.isNaN(Values.asF64(InvokeValues.parse(ValType.F64, "nan"))));
        assertThrows(NumberFormatException.class, () -> InvokeValues.parse(ValType.F64, "1.0d"));
    }

    @Test
    void wrongCountOrBadNumberIsAUsageError() {
        CliException count = assertThrows(CliException.class,
                () -> InvokeValues.parseArgs("f", I32_I64_F32_F64, List.of("1")));
        assertEquals(ExitCodes.USAGE, count.exitCode());
        assertTrue(count.getMessage().contains("expects 4 arguments"), count.getMessage());
        CliException bad = assertThrows(CliException.class,
                () -> InvokeValues.parseArgs("f", I32_I64_F32_F64, List.of("x", "1", "1", "1")));
        assertEquals("--invoke f: argument 1: \"x\" is not an i32", bad.getMessage());
    }

    @Test
    void resultsPrintAsSignedDecimalAndJavaFloats() {
        assertEquals("-1", InvokeValues.format(ValType.I32, 0xFFFF_FFFFL));
        assertEquals("12586269025", InvokeValues.format(ValType.I64, 12586269025L));
        assertEquals("3.75", InvokeValues.format(ValType.F64, Values.f64(3.75)));
        assertEquals("NaN", InvokeValues.format(ValType.F32, Values.f32(Float.NaN)));
    }
}
