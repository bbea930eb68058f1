package dev.trapdoor.dap.adapt;

import dev.trapdoor.engine.debug.DebugFrame;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.exec.MemoryInstance;
import dev.trapdoor.engine.model.Limits;
import dev.trapdoor.engine.model.MemoryType;
import dev.trapdoor.engine.model.ValType;
import dev.trapdoor.engine.model.WasmModule;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class WasmExpressionTest {
    private final DebugFrame frame = mock(DebugFrame.class);
    private final Instance instance = mock(Instance.class);
    private final MemoryInstance memory = new MemoryInstance(new MemoryType(new Limits(1, 1)));
    /** Memory 1: a 64-bit one (multi-memory and memory64). */
    private final MemoryInstance memory1 = new MemoryInstance(new MemoryType(new Limits(1, 2, true)));
    private final EvalContext ctx = new EvalContext(frame, instance);

    WasmExpressionTest() {
        when(frame.localCount()).thenReturn(2);
        when(frame.localName(0)).thenReturn("n");
        when(frame.localType(0)).thenReturn(ValType.I32);
        when(frame.localType(1)).thenReturn(ValType.I64);
        when(frame.local(0)).thenReturn(7L);
        when(frame.local(1)).thenReturn(1L << 33);
        when(frame.functionName()).thenReturn("f");
        WasmModule module = mock(WasmModule.class);
        when(instance.module()).thenReturn(module);
        when(module.exports()).thenReturn(List.of());
        when(instance.memory()).thenReturn(memory);
        when(module.memories()).thenReturn(List.of(memory.type(), memory1.type()));
        when(instance.memoryAt(0)).thenReturn(memory);
        when(instance.memoryAt(1)).thenReturn(memory1);
    }

    private String eval(String e) {
        return WasmExpression.evaluate(e, ctx).display(false);
    }

    @Test
    void arithmeticComparisonsAndPrecedence() {
        assertEquals("23", eval("$n * 3 + 2"));
        assertEquals("1", eval("$n == 7 && local[1] > 0"));
        assertEquals("1", eval("!($0 != 7)"));
        assertEquals("-2147483648", eval("0x7fffffff + 1"), "i32 wraps");
        assertEquals("8589934594", eval("$1 + 2"), "i64 when a side is");
        assertEquals("3.5", eval("7 / 2.0"));
        assertEquals("12", eval("3 << 2"));
        assertEquals("7", eval("n"), "a bare local name");
    }

    @Test
    void memoryReadsAndAssignments() {
        memory.writeInt(0x10, 0x01020304);
        assertEquals("16909060", eval("mem32[0x10]"));
        assertEquals("4", eval("mem8[16]"));
        assertEquals("99", eval("mem16[0x20] = 99"));
        assertEquals(99, memory.readShort(0x20));
        eval("$n = $n + 1");
        verify(frame).setLocal(0, 8L);
    }

    @Test
    void aMemoryIndexBeforeTheAddressReadsThatMemory() {
        memory.writeInt(0x10, 1);
        memory1.writeInt(0x10, 2);
        assertEquals("1", eval("mem32[0x10]"));
        assertEquals("1", eval("mem32[0:0x10]"));
        assertEquals("2", eval("mem32[1:0x10]"));
        assertEquals("7", eval("mem8[1:0x10 + 4] = 7"));
        assertEquals(7, memory1.readByte(0x14));
        assertEquals("mem32[1:0x10]", WasmExpression.location("mem32[1:0x10]", ctx).expression());
        // A 32-bit memory's address is the low 32 bits of the value, a 64-bit memory's the whole value.
        assertEquals("1", eval("mem32[0:0x100000010]"));
        assertTrue(assertThrows(EvalException.class, () -> eval("mem32[1:0x100000010]")).getMessage()
                .contains("outside memory"));
        assertTrue(assertThrows(EvalException.class, () -> eval("mem32[2:0]")).getMessage()
                .contains("memory 2 does not exist"));
    }

    /** 100,000 nested parentheses answered a StackOverflowError (issue 26). */
    @Test
    void deepNestingAndOverlongTextsAreErrors() {
        for (String nested : new String[]{"(".repeat(4_000) + "1" + ")".repeat(4_000), "-".repeat(5_000) + "1",
                "!~".repeat(2_000) + "1"}) {
            assertTrue(assertThrows(EvalException.class, () -> eval(nested)).getMessage()
                    .contains("nested deeper than " + WasmExpression.MAX_DEPTH), nested.substring(0, 10));
        }
        assertTrue(assertThrows(EvalException.class, () -> eval("(".repeat(100_000) + "1" + ")".repeat(100_000)))
                .getMessage().contains("over the limit of " + WasmExpression.MAX_LENGTH));
        assertEquals("7", eval("(".repeat(150) + "$n" + ")".repeat(150)));
    }

    @Test
    void lanesOfAV128ReadAndWriteThroughTheirVector() {
        when(frame.localCount()).thenReturn(3);
        when(frame.localName(2)).thenReturn("v");
        when(frame.localType(2)).thenReturn(ValType.V128);
        when(frame.local(2)).thenReturn(0x0000_0002_0000_0001L);
        when(frame.localHigh(2)).thenReturn(0x0000_0004_0000_0003L);
        assertEquals("3", eval("$2.i32x4[2]"));
        assertEquals("4", eval("v.i32x4[3]"));
        assertEquals("2", eval("local[2].i16x8[2]"));
        assertEquals("0x00000004000000030000000200000001", eval("$v"));
        eval("$v.i32x4[1] = 9"); // (the mocked frame does not store: what was written is verified below)
        verify(frame).setLocalV128(2, 0x0000_0009_0000_0001L, 0x0000_0004_0000_0003L);
        assertTrue(assertThrows(EvalException.class, () -> eval("$v.i32x4[4]")).getMessage().contains("lane 4"));
        assertTrue(assertThrows(EvalException.class, () -> eval("$n.i32x4[0]")).getMessage().contains("not a v128"));
        assertTrue(assertThrows(EvalException.class, () -> eval("$v = 5")).getMessage().contains("v128"));
    }

    @Test
    void errorsSayWhatIsWrong() {
        assertTrue(assertThrows(EvalException.class, () -> eval("$nope")).getMessage().contains("$nope"));
        assertTrue(assertThrows(EvalException.class, () -> eval("1 / 0")).getMessage().contains("zero"));
        assertTrue(assertThrows(EvalException.class, () -> eval("mem32[0x10000]")).getMessage()
                .contains("outside memory"));
        assertTrue(assertThrows(EvalException.class, () -> eval("(1 + 2")).getMessage().contains(")"));
        assertTrue(assertThrows(EvalException.class, () -> WasmExpression.evaluate("$n",
                new EvalContext(null, instance))).getMessage().contains("stopped frame"));
    }
}
