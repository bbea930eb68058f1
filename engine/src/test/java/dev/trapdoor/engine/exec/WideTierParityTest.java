package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.testing.SeenFrame;
import dev.trapdoor.engine.text.Wat;
import dev.trapdoor.engine.trap.Trap;
import dev.trapdoor.engine.trap.TrapDetail;
import dev.trapdoor.engine.trap.TrapKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static dev.trapdoor.engine.testing.SameTrap.assertSameTrap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Traps in wide accesses (memory 1, a 64-bit memory, a 64-bit table; scalar and SIMD) raised in the interpreter and in compiled code
 * (one chunk, 64-byte chunks, tiered): the {@link Trap}s are equal field by field (kind, offset, function, detail,
 * frames), a debugger waiting for the trap sees the same frames with the same locals and operands, and every function
 * really ran compiled (none declined). Each trap is two calls deep, below a frame that keeps operands across the call.
 */
class WideTierParityTest {
    private static final String MODULE = """
            (module
              (memory $a 1)
              (memory $b 1 2)
              (memory $c i64 1)
              (table $t i64 2 funcref)
              (type $v (func (result i32)))
              (func $seven (result i32) (i32.const 7))
              (elem (table $t) (i64.const 0) func $seven)
              (func $loadB (param $p i32) (result i32)
                (local $k i64)
                (local.set $k (i64.const -5))
                (i32.add (i32.const 1) (i32.load16_u $b offset=6 (local.get $p))))
              (func $storeB (param $p i32) (result i32)
                (i64.store $b offset=1 (local.get $p) (i64.const 9))
                (i32.const 0))
              (func $load64 (param $p i64) (result i32)
                (i32.load $c offset=0x10 (local.get $p)))
              (func $store64 (param $p i64) (result i32)
                (i32.store8 $c offset=2 (local.get $p) (i32.const 1))
                (i32.const 0))
              (func $fillB (param $p i32) (result i32)
                (memory.fill $b (local.get $p) (i32.const 0) (i32.const 10))
                (i32.const 0))
              (func $copy64 (param $p i32) (result i32)
                (memory.copy $c $b (i64.extend_i32_u (local.get $p)) (i32.const 0) (i32.const 4))
                (i32.const 0))
              (func $table64 (param $p i32) (result i32)
                (drop (table.get $t (i64.extend_i32_u (local.get $p))))
                (i32.const 0))
              (func $indirect64 (param $p i32) (result i32)
                (call_indirect $t (type $v) (i64.shl (i64.extend_i32_u (local.get $p)) (i64.const 32))))
              (func $tail64 (param $p i32) (result i32)
                (return_call_indirect $t (type $v) (i64.shl (i64.extend_i32_u (local.get $p)) (i64.const 32))))
              (func $grow (result i32) (memory.grow $b (i32.const 1)))
              (func $simdLoad64 (param $p i64) (result i32)
                (i32x4.extract_lane 1 (v128.load $c offset=4 (local.get $p))))
              (func $simdLaneB (param $p i32) (result i32)
                (v128.store16_lane $b 3 (local.get $p) (v128.const i32x4 1 2 3 4))
                (i32.const 0))
              (func (export "run") (param $which i32) (param $p i32) (result i32)
                (local $f f64)
                (local.set $f (f64.const 2.5))
                (i32.sub (i32.add (local.get $which) (i32.const 11))
                  (block $out (result i32)
                    (block $rt (block $sv (block $sl (block $g (block $i (block $tb (block $cp (block $fl (block $s64 (block $l64
                    (block $sb (block $lb
                      (br_table $lb $sb $l64 $s64 $fl $cp $tb $i $g $sl $sv $rt (local.get $which)))
                      (br $out (call $loadB (local.get $p))))
                    (br $out (call $storeB (local.get $p))))
                    (br $out (call $load64 (i64.shl (i64.extend_i32_u (local.get $p)) (i64.const 32)))))
                    (br $out (call $store64 (i64.extend_i32_s (local.get $p)))))
                    (br $out (call $fillB (local.get $p))))
                    (br $out (call $copy64 (local.get $p))))
                    (br $out (call $table64 (local.get $p))))
                    (br $out (call $indirect64 (local.get $p))))
                    (drop (call $grow))
                    (br $out (call $loadB (local.get $p))))
                    (br $out (call $simdLoad64 (i64.shl (i64.extend_i32_u (local.get $p)) (i64.const 32)))))
                    (br $out (call $simdLaneB (local.get $p))))
                    (br $out (call $tail64 (local.get $p))))))
            )""";

    static Stream<Arguments> traps() {
        return Stream.of(
                Arguments.of("load memory 1", 0, 65530, TrapKind.MEMORY_OUT_OF_BOUNDS),
                Arguments.of("load memory 1, address wraps 32 bits", 0, -4, TrapKind.MEMORY_OUT_OF_BOUNDS),
                Arguments.of("store memory 1", 1, 65530, TrapKind.MEMORY_OUT_OF_BOUNDS),
                Arguments.of("load 64-bit memory past 2^32", 2, 1, TrapKind.MEMORY_OUT_OF_BOUNDS),
                Arguments.of("store 64-bit memory, address + offset wraps 64 bits", 3, -1,
                        TrapKind.MEMORY_OUT_OF_BOUNDS),
                Arguments.of("fill memory 1", 4, 65530, TrapKind.MEMORY_OUT_OF_BOUNDS),
                Arguments.of("copy memory 1 to a 64-bit memory", 5, 65534, TrapKind.MEMORY_OUT_OF_BOUNDS),
                Arguments.of("get of a 64-bit table", 6, 2, TrapKind.TABLE_OUT_OF_BOUNDS),
                Arguments.of("call_indirect through a 64-bit table past 2^32", 7, 1, TrapKind.UNDEFINED_ELEMENT),
                // After memory 1 grew to two pages, 65530 is in bounds and 131066 is not.
                Arguments.of("load memory 1 after it grew", 8, 131066, TrapKind.MEMORY_OUT_OF_BOUNDS),
                Arguments.of("v128.load of a 64-bit memory past 2^32", 9, 1, TrapKind.MEMORY_OUT_OF_BOUNDS),
                Arguments.of("v128.store16_lane of memory 1", 10, 65535, TrapKind.MEMORY_OUT_OF_BOUNDS),
                Arguments.of("return_call_indirect through a 64-bit table past 2^32", 11, 1,
                        TrapKind.UNDEFINED_ELEMENT));
    }

    private record Run(Trap trap, List<SeenFrame> frames, List<String> interpreted) {
    }

    private static Run run(EngineConfig config, int which, int p) {
        WasmModule module = Wasm.load(Wat.compile("wide.wat", MODULE).binary());
        Store store = new Store(config);
        Instance inst = store.instantiate(module, ImportResolver.NONE);
        List<SeenFrame> seen = SeenFrame.atTraps(store.debugger());
        FunctionInstance fn = inst.function("run");
        if (config.tier() == Tier.TIERED) {
            // Warm the callees up (in bounds, with memory 1 left at one page) past the threshold, so that the
            // trapping call runs compiled. A 64-bit address or table index of p << 32 is 0 here; cut to 32 bits, the
            // trapping calls' would be too.
            for (int i = 0; i < 4; i++) {
                for (int w = 0; w < 12; w++) {
                    fn.call(w == 8 ? 9 : w, 0);
                }
            }
        }
        Trap trap = assertThrows(Trap.class, () -> fn.call(which, p));
        List<String> interpreted = new ArrayList<>();
        for (int f = 0; f < module.functionCount(); f++) {
            if (inst.functions[f].jit == null) {
                interpreted.add("function " + f);
            }
        }
        return new Run(trap, seen, interpreted);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("traps")
    void sameTrapAndFramesInEveryTier(String name, int which, int p, TrapKind kind) {
        Run interpreted = run(EngineConfig.DEFAULT, which, p);
        assertEquals(kind, interpreted.trap().kind());
        assertEquals(2, interpreted.trap().stack().size(), interpreted.trap().stack().toString());
        assertEquals(2, interpreted.frames().size());
        if (kind == TrapKind.MEMORY_OUT_OF_BOUNDS && which != 4 && which != 5) {
            // (A bulk operation's detail is another record.)
            assertInstanceOf(TrapDetail.MemoryAccess.class, interpreted.trap().detail());
        }
        for (EngineConfig config : new EngineConfig[]{EngineConfig.DEFAULT.withTier(Tier.COMPILED),
                EngineConfig.DEFAULT.withTier(Tier.COMPILED).withChunkBudget(64),
                EngineConfig.DEFAULT.withTier(Tier.TIERED).withTierUpThreshold(2)}) {
            Run compiled = run(config, which, p);
            String where = config.tier() + " budget " + config.chunkBudget();
            assertSameTrap(interpreted.trap(), compiled.trap());
            assertEquals(interpreted.frames(), compiled.frames(), where);
            assertNotNull(compiled.trap());
            if (config.tier() == Tier.COMPILED) {
                assertEquals(List.of(), compiled.interpreted(), where + ": declined");
            }
        }
    }
}
