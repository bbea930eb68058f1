package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.error.InvalidModuleException;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.text.Wat;
import dev.trapdoor.engine.trap.Trap;
import dev.trapdoor.engine.trap.TrapDetail;
import dev.trapdoor.engine.trap.TrapKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIMD loads and stores on a memory other than 0 and on a 64-bit memory ({@link SimdWideAccess}): they reach the
 * memory they name, 64-bit addresses and offsets past 2^32 trap instead of wrapping, and the compiled and tiered
 * configurations (whose compiler declines these functions) and the debugger's exact translation give the
 * interpreter's results.
 */
class WideSimdMemoryTest {
    static Stream<EngineConfig> configs() {
        return Stream.of(EngineConfig.DEFAULT, EngineConfig.DEFAULT.withTier(Tier.COMPILED),
                EngineConfig.DEFAULT.withTier(Tier.TIERED).withTierUpThreshold(1),
                EngineConfig.DEFAULT.withTier(Tier.COMPILED).withChunkBudget(EngineConfig.MIN_CHUNK_BUDGET),
                EngineConfig.DEFAULT.withTranslation(TranslationLevel.EXACT));
    }

    private static Instance instantiate(String wat, EngineConfig config) {
        WasmModule module = Wasm.load(Wat.compile("test.wat", wat).binary());
        return new Store(config).instantiate(module, ImportResolver.NONE);
    }

    private static final String TWO_MEMORIES = """
            (module
              (memory $a (export "a") 1)
              (memory $b (export "b") 1)
              (data (memory $b) (i32.const 16) "\\01\\02\\03\\04\\05\\06\\07\\08\\09\\0a\\0b\\0c\\0d\\0e\\0f\\10")
              ;; copies 16 bytes of $b to $b at 64, through a v128
              (func (export "copy") (v128.store $b offset=32 (i32.const 32) (v128.load $b offset=8 (i32.const 8))))
              (func (export "lane") (param i32) (result i32)
                (i32x4.extract_lane 1 (v128.load32_lane $b 1 (local.get 0) (v128.const i32x4 0 0 0 0))))
              (func (export "storeLane") (param i32)
                (v128.store16_lane $b 3 (local.get 0) (v128.const i16x8 0 0 0 0x7777 0 0 0 0)))
              (func (export "widen") (result i64)
                (i64x2.extract_lane 1 (v128.load32x2_s $b (i32.const 16))))
              (func (export "splat") (result i32)
                (i8x16.extract_lane_u 15 (v128.load8_splat $b offset=1 (i32.const 17))))
              (func (export "zero") (result i64)
                (i64x2.extract_lane 1 (v128.load64_zero $b (i32.const 16))))
              (func (export "edge") (param i32) (result i32)
                (i32x4.extract_lane 0 (v128.load $b (local.get 0))))
              (func (export "first") (result i32) (i32x4.extract_lane 0 (v128.load (i32.const 16)))))
            """;

    @ParameterizedTest
    @MethodSource("configs")
    void simdAccessesReachTheMemoryTheyName(EngineConfig config) {
        Instance inst = instantiate(TWO_MEMORIES, config);
        String tier = config.tier() + " " + config.chunkBudget() + " " + config.translation();
        inst.invoke("copy");
        MemoryInstance b = inst.memory("b");
        assertArrayEquals(b.read(16, 16), b.read(64, 16), tier);
        assertArrayEquals(new byte[16], inst.memory("a").read(16, 16), "memory 0 untouched");
        assertEquals(0, inst.invoke("first")[0], "memory 0's fast path reads memory 0");
        assertEquals(0x0807_0605L, inst.invoke("lane", 20)[0]);
        inst.invoke("storeLane", 100);
        assertEquals(0x7777, b.readShort(100) & 0xFFFF);
        assertEquals(0x0807_0605L, inst.invoke("widen")[0], "the second i32, sign-extended");
        assertEquals(0x03, inst.invoke("splat")[0]);
        assertEquals(0, inst.invoke("zero")[0]);
        assertEquals(0, inst.invoke("edge", 65536 - 16)[0], "the last 16 bytes");
        Trap trap = assertThrows(Trap.class, () -> inst.invoke("edge", 65536 - 15), tier);
        assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS, trap.kind());
        TrapDetail.MemoryAccess access = assertInstanceOf(TrapDetail.MemoryAccess.class, trap.detail());
        assertEquals(16, access.width());
        assertEquals(65536 - 15, access.address());
    }

    private static final String WIDE = """
            (module
              (memory i64 1)
              (func (export "store") (param i64 i64) (v128.store (local.get 0) (i64x2.splat (local.get 1))))
              (func (export "load") (param i64) (result i64) (i64x2.extract_lane 1 (v128.load (local.get 0))))
              (func (export "far") (param i64) (result i64)
                (i64x2.extract_lane 0 (v128.load offset=0x100000000 (local.get 0))))
              (func (export "lane") (param i64) (result i32)
                (i8x16.extract_lane_u 0 (v128.load8_lane 0 (local.get 0) (v128.const i32x4 0 0 0 0)))))
            """;

    @ParameterizedTest
    @MethodSource("configs")
    void sixtyFourBitAddressesAndOffsetsDoNotWrap(EngineConfig config) {
        Instance inst = instantiate(WIDE, config);
        inst.invoke("store", 0x40, 0x1122_3344_5566_7788L);
        assertEquals(0x1122_3344_5566_7788L, inst.invoke("load", 0x40)[0]);
        assertEquals(0x88, inst.invoke("lane", 0x40)[0]);
        inst.invoke("store", 65536 - 16, 0x1122_3344_5566_7788L);
        assertEquals(0x11, inst.invoke("lane", 65535)[0], "the last byte");
        // Cut to 32 bits, each of these would read address 0x40.
        for (long address : new long[] {(1L << 32) + 0x40, -1L, Long.MIN_VALUE + 0x40}) {
            Trap trap = assertThrows(Trap.class, () -> inst.invoke("load", address), Long.toHexString(address));
            assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS, trap.kind());
        }
        assertThrows(Trap.class, () -> inst.invoke("far", 0x40), "an offset past 2^32");
        assertThrows(Trap.class, () -> inst.invoke("lane", 65536));
    }

    @Test
    void aSixtyFourBitMemoryTakesAnI64Address() {
        InvalidModuleException e = assertThrows(InvalidModuleException.class, () -> Wasm.load(Wat.compile("t.wat",
                "(module (memory i64 1) (func (drop (v128.load (i32.const 0)))))").binary()));
        assertTrue(e.getMessage().contains("type mismatch"), e.getMessage());
        InvalidModuleException offset = assertThrows(InvalidModuleException.class, () -> Wasm.load(Wat.compile(
                "t.wat", "(module (memory 1) (memory 1) (func (drop (v128.load 1 offset=0x100000000 (i32.const 0)))))")
                .binary()));
        assertTrue(offset.getMessage().contains("offset out of range"), offset.getMessage());
    }
}
