package dev.trapdoor.engine.debug;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.exec.EngineConfig;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.exec.Store;
import dev.trapdoor.engine.exec.Values;
import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.ValType;
import dev.trapdoor.engine.testing.Wabt;
import dev.trapdoor.engine.trap.Trap;
import dev.trapdoor.engine.trap.TrapDetail;
import dev.trapdoor.engine.trap.TrapKind;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every trap kind fires a Trap event at the trapping instruction, before the stack unwinds, and the resulting
 * {@link Trap} names the same kind, the exact module offset (as {@code wasm-objdump} reports it) and the operands.
 */
class TrapEventsTest {
    /** What the handler saw at the trap. */
    private record Seen(DebugEvent.Trap event, int frames, int frameOffset, String frameName, List<Long> operands) {
    }

    private static final class Run {
        final byte[] wasm;
        final Store store;
        final Instance instance;
        final List<Seen> seen = new ArrayList<>();

        Run(String wat, EngineConfig config) {
            this.wasm = Wabt.wat(wat);
            this.store = new Store(config);
            store.debugger().setEntryEvents(false);
            store.debugger().setHandler((event, frames) -> {
                if (event instanceof DebugEvent.Trap t) {
                    DebugFrame top = frames.get(0);
                    List<Long> ops = new ArrayList<>();
                    for (int i = 0; i < top.stackHeight(); i++) {
                        ops.add(top.stack(i));
                    }
                    seen.add(new Seen(t, frames.size(), top.moduleOffset(), top.functionName(), ops));
                }
                return Resume.CONTINUE;
            });
            this.instance = store.instantiate(Wasm.load(wasm), (m, n) -> m.equals("host") ? store.hostFunction(n,
                    FuncType.of(new ValType[0], new ValType[0]), (caller, args) -> {
                        throw new IllegalStateException("host says no");
                    }) : null);
        }

        Run(String wat) {
            this(wat, EngineConfig.DEFAULT);
        }

        Trap trap(String export, long... args) {
            return assertThrows(Trap.class, () -> instance.invoke(export, args));
        }

        /** Asserts kind and offset on both the event and the trap; returns the trap. */
        Trap expect(TrapKind kind, String instruction, String export, long... args) {
            Trap trap = trap(export, args);
            int funcIndex = trap.funcIndex();
            int offset = Wabt.offsetOf(wasm, funcIndex, instruction, 0);
            assertEquals(kind, trap.kind(), trap.getMessage());
            assertEquals(offset, trap.moduleOffset(), "trap offset of " + instruction);
            assertEquals(1, seen.size(), "one trap event");
            Seen s = seen.get(0);
            assertEquals(kind, s.event.kind());
            assertEquals(offset, s.event.moduleOffset());
            assertEquals(offset, s.frameOffset, "the event's innermost frame is at the trapping instruction");
            assertEquals(trap.stack().size(), s.frames, "the event saw every frame alive");
            return trap;
        }
    }

    private static final String MEMORY = "(module (memory 1) (data (i32.const 0) \"abcd\")"
            + " (func (export \"load\") (param i32) (result i32) (i32.load offset=4 (local.get 0)))"
            + " (func (export \"store\") (param i32) (i64.store16 (local.get 0) (i64.const 7)))"
            // Base plus a constant right before the access: the translator folds the addition into it.
            + " (func (export \"loadSum\") (param i32) (result i32)"
            + "   (i32.load offset=4 (i32.add (local.get 0) (i32.const 16))))"
            + " (func (export \"loadScaled\") (param i32) (result i32) (i32.load offset=8 (i32.shl (local.get 0) (i32.const 2))))"
            + " (func (export \"addLoaded\") (param i32) (result f64) (local f64)"
            + "   (local.set 1 (f64.const 1)) (f64.add (local.get 1) (f64.load (local.get 0))))"
            + " (func (export \"storeSum\") (param i32) (i32.store (i32.add (local.get 0) (i32.const -8)) (i32.const 1)))"
            + " (func (export \"fill\") (param i32) (memory.fill (local.get 0) (i32.const 0) (i32.const 8)))"
            + " (func (export \"copy\") (param i32) (memory.copy (i32.const 0) (local.get 0) (i32.const 8)))"
            + " (data $d \"xyz\")"
            + " (func (export \"init\") (param i32) (memory.init $d (i32.const 0) (local.get 0) (i32.const 2))))";

    @Test
    void unreachable() {
        Run r = new Run("(module (func $inner unreachable) (func (export \"f\") call $inner))");
        Trap t = r.expect(TrapKind.UNREACHABLE, "unreachable", "f");
        assertEquals(2, t.stack().size());
        assertEquals("inner", t.stack().get(0).funcName());
        assertEquals(Wabt.offsetOf(r.wasm, 1, "call", 0), t.stack().get(1).moduleOffset(), "caller frame at the call");
    }

    @Test
    void loadOutOfBoundsReportsAddressOffsetWidthAndMemorySize() {
        Run r = new Run(MEMORY);
        Trap t = r.expect(TrapKind.MEMORY_OUT_OF_BOUNDS, "i32.load", "load", 65533);
        TrapDetail.MemoryAccess d = assertInstanceOf(TrapDetail.MemoryAccess.class, t.detail());
        assertEquals(65537, d.address());
        assertEquals(65533, d.base());
        assertEquals(4, d.staticOffset());
        assertEquals(4, d.width());
        assertEquals(65536, d.memorySize());
        assertEquals(List.of(65533L), r.seen.get(0).operands, "the address operand is still on the stack");
    }

    @Test
    void aFoldedAdditionStillTrapsAtTheAccessWithTheSumAsItsOperand() {
        Run r = new Run(MEMORY);
        Trap t = r.expect(TrapKind.MEMORY_OUT_OF_BOUNDS, "i32.load", "loadSum", 65520);
        TrapDetail.MemoryAccess d = assertInstanceOf(TrapDetail.MemoryAccess.class, t.detail());
        assertEquals(65536 + 4, d.address());
        assertEquals(65536, d.base(), "the address operand is the sum");
        assertEquals(4, d.staticOffset());
        assertEquals(List.of(65536L), r.seen.get(0).operands, "the sum is shown as the access's operand");

        Run sc = new Run(MEMORY);
        Trap sct = sc.expect(TrapKind.MEMORY_OUT_OF_BOUNDS, "i32.load", "loadScaled", 16383);
        TrapDetail.MemoryAccess scd = assertInstanceOf(TrapDetail.MemoryAccess.class, sct.detail());
        assertEquals(65532, scd.base(), "the address operand is the shifted index");
        assertEquals(65540, scd.address());
        assertEquals(List.of(65532L), sc.seen.get(0).operands, "the shifted index is shown as the load's operand");

        Run ml = new Run(MEMORY);
        ml.expect(TrapKind.MEMORY_OUT_OF_BOUNDS, "f64.load", "addLoaded", 65530);
        assertEquals(List.of(Double.doubleToRawLongBits(1.0), 65530L), ml.seen.get(0).operands,
                "a load taken over by the add still shows both operands");

        Run s = new Run(MEMORY);
        Trap st = s.expect(TrapKind.MEMORY_OUT_OF_BOUNDS, "i32.store", "storeSum", 4);
        TrapDetail.MemoryAccess sd = assertInstanceOf(TrapDetail.MemoryAccess.class, st.detail());
        assertEquals(0xFFFF_FFFCL, sd.base(), "4 - 8 wraps around before the offset is added");
        assertEquals(List.of(0xFFFF_FFFCL, 1L), s.seen.get(0).operands.stream()
                .map(v -> v & 0xFFFF_FFFFL).toList());
    }

    @Test
    void storeOutOfBoundsAtHighAddress() {
        Run r = new Run(MEMORY);
        Trap t = r.expect(TrapKind.MEMORY_OUT_OF_BOUNDS, "i64.store16", "store", -1);
        TrapDetail.MemoryAccess d = assertInstanceOf(TrapDetail.MemoryAccess.class, t.detail());
        assertTrue(d.store());
        assertEquals(0xFFFF_FFFFL, d.address());
        assertEquals(2, d.width());
    }

    @Test
    void bulkMemoryOutOfBounds() {
        for (String op : new String[]{"fill", "copy", "init"}) {
            Run r = new Run(MEMORY);
            Trap t = r.expect(TrapKind.MEMORY_OUT_OF_BOUNDS, "memory." + op, op, 65530);
            TrapDetail.BulkAccess d = assertInstanceOf(TrapDetail.BulkAccess.class, t.detail());
            assertEquals("memory." + op, d.instruction());
        }
    }

    private static final String TABLES = "(module (table $t 2 funcref) (elem declare func $f)"
            + " (type $ii (func (param i32) (result i32)))"
            + " (func $f (param i32) (result i32) (local.get 0))"
            + " (func $g (param i64) (result i64) (local.get 0))"
            + " (table $u 3 funcref) (elem (table $u) (i32.const 0) func $f $g)"
            + " (func (export \"get\") (param i32) (drop (table.get $t (local.get 0))))"
            + " (func (export \"set\") (param i32) (table.set $t (local.get 0) (ref.null func)))"
            + " (func (export \"tfill\") (param i32) (table.fill $t (local.get 0) (ref.null func) (i32.const 2)))"
            + " (func (export \"icall\") (param i32) (result i32)"
            + "   (call_indirect $u (type $ii) (i32.const 5) (local.get 0))))";

    @Test
    void tableAccessOutOfBounds() {
        Run r = new Run(TABLES);
        Trap t = r.expect(TrapKind.TABLE_OUT_OF_BOUNDS, "table.get", "get", 7);
        assertEquals(new TrapDetail.TableAccess(0, 7, 2), t.detail());
        Run r2 = new Run(TABLES);
        r2.expect(TrapKind.TABLE_OUT_OF_BOUNDS, "table.set", "set", 2);
        Run r3 = new Run(TABLES);
        r3.expect(TrapKind.TABLE_OUT_OF_BOUNDS, "table.fill", "tfill", 1);
    }

    @Test
    void callIndirectOutsideTheTable() {
        Run r = new Run(TABLES);
        Trap t = r.expect(TrapKind.UNDEFINED_ELEMENT, "call_indirect", "icall", 9);
        TrapDetail.IndirectCall d = assertInstanceOf(TrapDetail.IndirectCall.class, t.detail());
        assertEquals(1, d.tableIndex());
        assertEquals(9, d.elementIndex());
        assertEquals(3, d.tableSize());
        assertEquals(t.moduleOffset(), d.callerModuleOffset());
        assertEquals(t.funcIndex(), d.callerFuncIndex());
        assertNull(d.actual());
    }

    @Test
    void callIndirectThroughNull() {
        Run r = new Run(TABLES);
        Trap t = r.expect(TrapKind.UNINITIALIZED_ELEMENT, "call_indirect", "icall", 2);
        assertEquals(2, ((TrapDetail.IndirectCall) t.detail()).elementIndex());
    }

    @Test
    void callIndirectTypeMismatchNamesCallerCalleeAndBothTypes() {
        Run r = new Run(TABLES);
        Trap t = r.expect(TrapKind.INDIRECT_CALL_TYPE_MISMATCH, "call_indirect", "icall", 1);
        TrapDetail.IndirectCall d = assertInstanceOf(TrapDetail.IndirectCall.class, t.detail());
        assertEquals(t.funcIndex(), d.callerFuncIndex());
        assertEquals(t.moduleOffset(), d.callerModuleOffset());
        assertEquals(1, d.tableIndex());
        assertEquals(1, d.elementIndex());
        assertEquals(3, d.tableSize());
        assertEquals("(i32) -> (i32)", d.expected().toString());
        assertEquals("(i64) -> (i64)", d.actual().toString());
        assertEquals(1, d.calleeIndex());
        assertEquals("g", d.calleeName());
    }

    private static final String ARITH = "(module"
            + " (func (export \"div\") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))"
            + " (func (export \"remu\") (param i64 i64) (result i64) (i64.rem_u (local.get 0) (local.get 1)))"
            + " (func (export \"trunc\") (param f64) (result i32) (i32.trunc_f64_s (local.get 0))))";

    @Test
    void divideByZeroShowsOperands() {
        Run r = new Run(ARITH);
        Trap t = r.expect(TrapKind.INTEGER_DIVIDE_BY_ZERO, "i32.div_s", "div", 7, 0);
        assertEquals(new TrapDetail.Arithmetic("i32.div_s", "7", "0"), t.detail());
        assertEquals(List.of(7L, 0L), r.seen.get(0).operands);
        Run r2 = new Run(ARITH);
        Trap t2 = r2.expect(TrapKind.INTEGER_DIVIDE_BY_ZERO, "i64.rem_u", "remu", -1, 0);
        assertEquals(new TrapDetail.Arithmetic("i64.rem_u", "18446744073709551615", "0"), t2.detail());
    }

    @Test
    void signedOverflow() {
        Run r = new Run(ARITH);
        Trap t = r.expect(TrapKind.INTEGER_OVERFLOW, "i32.div_s", "div", Integer.MIN_VALUE, -1);
        assertEquals(new TrapDetail.Arithmetic("i32.div_s", "-2147483648", "-1"), t.detail());
    }

    @Test
    void conversionOfNanAndOutOfRange() {
        Run r = new Run(ARITH);
        Trap t = r.expect(TrapKind.INVALID_CONVERSION_TO_INTEGER, "i32.trunc_f64_s", "trunc", Values.f64(Double.NaN));
        assertInstanceOf(TrapDetail.Conversion.class, t.detail());
        Run r2 = new Run(ARITH);
        Trap t2 = r2.expect(TrapKind.INTEGER_OVERFLOW, "i32.trunc_f64_s", "trunc", Values.f64(3e9));
        assertEquals(new TrapDetail.Conversion("i32.trunc_f64_s", 3e9), t2.detail());
    }

    @Test
    void callStackExhaustedAtTheConfiguredDepthWithoutAJavaStackOverflow() {
        String wat = "(module (func $r (export \"r\") (param i32) (result i32)"
                + " (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))"
                + " (else (i32.add (i32.const 1) (call $r (i32.sub (local.get 0) (i32.const 1))))))))";
        Run shallow = new Run(wat, EngineConfig.DEFAULT.withMaxCallDepth(100));
        assertEquals(98, shallow.instance.invoke("r", 98)[0], "98 nested calls fit in 100 frames");
        Trap t = shallow.expect(TrapKind.CALL_STACK_EXHAUSTED, "call", "r", 1000);
        TrapDetail.StackExhausted d = assertInstanceOf(TrapDetail.StackExhausted.class, t.detail());
        assertEquals(100, d.depth());
        assertEquals(100, d.maxDepth());
        Run deep = new Run(wat);
        Trap deepTrap = deep.trap("r", 10_000_000);
        assertEquals(TrapKind.CALL_STACK_EXHAUSTED, deepTrap.kind());
    }

    @Test
    void hostFunctionFailure() {
        Run r = new Run("(module (import \"host\" \"boom\" (func $boom)) (func (export \"f\") call $boom))");
        Trap t = r.expect(TrapKind.HOST_FUNCTION_FAILED, "call", "f");
        TrapDetail.HostFailure d = assertInstanceOf(TrapDetail.HostFailure.class, t.detail());
        assertEquals("boom", d.function());
        assertTrue(d.message().contains("host says no"), d.message());
    }

    @Test
    void terminatingAtATrapEndsTheInvocationWithoutTheTrap() {
        Run r = new Run(ARITH);
        r.store.debugger().setHandler((event, frames) -> Resume.TERMINATE);
        assertThrows(DebugTerminated.class, () -> r.instance.invoke("div", 1, 0));
    }
}
