package dev.trapdoor.engine.compile;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.exec.EngineConfig;
import dev.trapdoor.engine.exec.ImportResolver;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.exec.Store;
import dev.trapdoor.engine.exec.Tier;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.testing.ClassFiles;
import dev.trapdoor.engine.testing.SeenFrame;
import dev.trapdoor.engine.testing.Wabt;
import dev.trapdoor.engine.trap.Trap;
import dev.trapdoor.engine.validate.ModuleContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static dev.trapdoor.engine.testing.SameTrap.assertSameTrap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Results the compiled code leaves on the JVM stack for the next instruction ({@link StackResults}): read there as
 * the first operand, as the second under a first one of either width, as a condition turned value, by
 * {@code local.set} and {@code br_if}; and when the next instruction does not read it, stored into its slot before
 * anything can observe the frame, so a trap a few instructions on shows the interpreter's operands, slot by slot.
 */
class StackResultsTest {
    // Memory at $p: an i32 5 at 0, an i64 3 at 8, an f64 2.5 at 16 (set by the test).
    private static final String MODULE = """
            (module
              (memory 1)
              (func (export "divUnder") (param $p i32) (param $z i32) (result i32)
                (i32.add (i32.load (local.get $p)) (i32.div_s (i32.const 7) (local.get $z))))
              (func (export "loadAt") (param $p i32) (param $z i32) (result i32)
                (i32.load (i32.add (local.get $p) (i32.shl (local.get $z) (i32.const 16)))))
              (func (export "underSwap") (param $p i32) (param $z i32) (result i32)
                (i32.div_u (i32.sub (local.get $z) (i32.load (local.get $p))) (local.get $z)))
              (func (export "wide") (param $p i32) (param $z i32) (result i64)
                (i64.div_s (i64.sub (i64.extend_i32_u (local.get $z)) (i64.load offset=8 (local.get $p)))
                           (i64.extend_i32_u (local.get $z))))
              (func (export "shift") (param $p i32) (param $z i32) (result i64)
                (i64.div_s (i64.shl (i64.load offset=8 (local.get $p)) (i64.extend_i32_s (i32.load (local.get $p))))
                           (i64.extend_i32_u (local.get $z))))
              (func (export "float") (param $p i32) (param $z i32) (result i32)
                (i32.div_s (i32.trunc_f64_s (f64.sub (f64.convert_i32_s (local.get $p)) (f64.load offset=16 (local.get $p))))
                           (local.get $z)))
              (func (export "cond") (param $p i32) (param $z i32) (result i32)
                (i32.div_s (i32.add (local.get $p) (i32.lt_u (local.get $z) (i32.load (local.get $p))))
                           (local.get $z)))
              (func (export "locals") (param $p i32) (param $z i32) (result i32)
                (local $t i32) (local $l i64) (local $f f32) (local $i i32)
                (local.set $t (i32.add (i32.mul (i32.load (local.get $p)) (local.get $p)) (local.get $z)))
                (local.set $l (i64.extend_i32_s (i32.sub (local.get $t) (i32.load (local.get $p)))))
                (local.set $f (f32.sub (f32.convert_i32_s (local.get $t)) (f32.demote_f64 (f64.load offset=16 (local.get $p)))))
                (loop $l
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (br_if $l (i32.and (local.get $i) (i32.const 15))))
                (i32.div_s (i32.add (i32.add (local.get $t) (i32.wrap_i64 (local.get $l)))
                                    (i32.add (local.get $i) (i32.trunc_f32_s (local.get $f))))
                           (local.get $z))))""";
    private static final String[] EXPORTS = {"divUnder", "loadAt", "underSwap", "wide", "shift", "float", "cond",
            "locals"};
    private static final int P = 64;

    /** The module instantiated, its memory set up, and the frames its store's debugger sees at each trap. */
    private record Loaded(Instance instance, List<SeenFrame> trapFrames) {
    }

    private static Loaded load(EngineConfig config) {
        Store store = new Store(config);
        Instance instance = store.instantiate(Wasm.load(Wabt.wat(MODULE)), ImportResolver.NONE);
        List<SeenFrame> trapFrames = SeenFrame.atTraps(store.debugger());
        instance.memory().writeInt(P, 5);
        instance.memory().writeLong(P + 8, 3);
        instance.memory().writeLong(P + 16, Double.doubleToRawLongBits(2.5));
        return new Loaded(instance, trapFrames);
    }

    private static final EngineConfig INTERPRETER = EngineConfig.DEFAULT.withTier(Tier.INTERPRETER);
    private static final EngineConfig[] COMPILED = {EngineConfig.DEFAULT.withTier(Tier.COMPILED),
            EngineConfig.DEFAULT.withTier(Tier.COMPILED).withChunkBudget(64)};

    @ParameterizedTest
    @ValueSource(strings = {"divUnder", "loadAt", "underSwap", "wide", "shift", "float", "cond", "locals"})
    void aTrapAfterAResultKeptOnTheJvmStackShowsTheInterpretersFrame(String export) {
        // $z = 0 divides by zero; for loadAt it puts the address 64 KiB past $p.
        long[] args = export.equals("loadAt") ? new long[]{P, 1} : new long[]{P, 0};
        Loaded interpreter = load(INTERPRETER);
        Trap expected = assertThrows(Trap.class, () -> interpreter.instance().function(export).call(args));
        List<SeenFrame> interpreted = interpreter.trapFrames();
        assertEquals(1, interpreted.size());
        assertTrue(!interpreted.get(0).operands().isEmpty(), "the trap must see operands");
        for (EngineConfig config : COMPILED) {
            Loaded compiledTier = load(config);
            Trap actual = assertThrows(Trap.class, () -> compiledTier.instance().function(export).call(args));
            List<SeenFrame> compiled = compiledTier.trapFrames();
            // Field by field: function, offset, every local and every operand.
            assertEquals(interpreted, compiled, export);
            assertSameTrap(expected, actual);
        }
    }

    @Test
    void theOperandsATrapSeesAreTheValuesComputedBeforeIt() {
        Loaded divUnder = load(COMPILED[0]);
        assertThrows(Trap.class, () -> divUnder.instance().function("divUnder").call(P, 0));
        // The load's result stayed below 7 and $z: the slot holds it although no instruction read it.
        assertEquals(List.of(5L, 7L, 0L), divUnder.trapFrames().get(0).operands());
        Loaded wide = load(COMPILED[0]);
        assertThrows(Trap.class, () -> wide.instance().function("wide").call(P, 0));
        assertEquals(List.of(-3L, 0L), wide.trapFrames().get(0).operands());
    }

    @Test
    void resultsMatchTheInterpreter() {
        for (EngineConfig config : COMPILED) {
            Instance interpreted = load(INTERPRETER).instance();
            Instance compiled = load(config).instance();
            for (String export : EXPORTS) {
                for (long z : new long[]{3, 7, -2}) {
                    long[] args = export.equals("loadAt") ? new long[]{P, 0} : new long[]{P, z};
                    assertEquals(interpreted.function(export).call(args)[0], compiled.function(export).call(args)[0],
                            export + " " + z);
                }
            }
        }
    }

    /**
     * {@code i32.mul; i32.const; i32.add; local.set} with each result on the JVM stack: the typed entry (whose
     * parameters stay {@code long}s, as no {@code local.set} writes them) narrows each parameter where it is read,
     * and widens only the result it returns; the zero of {@code $t} is an {@code int}. The older shape
     * ({@code -Dtrapdoor.jit.intOperands=false}) had 6 {@code l2i}, 3 {@code i2l} and 4 {@code lstore}s.
     */
    @Test
    void anI32ChainMovesNoLongs() throws Exception {
        assumeTrue(StackResults.ENABLED, "the older shape was asked for");
        WasmModule module = Wasm.load(Wabt.wat("""
                (module
                  (func (export "f") (param $a i32) (param $b i32) (result i32) (local $t i32)
                    (local.set $t (i32.add (i32.mul (local.get $a) (local.get $b)) (i32.const 300)))
                    (i32.sub (local.get $t) (local.get $a))))"""));
        CompiledClass compiled = JvmCompiler.compile(new ModuleContext(module), 0, 7600,
                "dev/trapdoor/engine/exec/Jit$T", false, true);
        assertTrue(compiled.typedEntry());
        byte[] bytes = compiled.classes()[0];
        int l2i = ClassFiles.count(new java.io.ByteArrayInputStream(bytes), TypedCalls.METHOD, 0x88);
        int i2l = ClassFiles.count(new java.io.ByteArrayInputStream(bytes), TypedCalls.METHOD, 0x85);
        int lstore = ClassFiles.count(new java.io.ByteArrayInputStream(bytes), TypedCalls.METHOD, 0x37);
        assertEquals(3, l2i, "l2i");
        assertEquals(1, i2l, "i2l");
        // The returned result's, and the operand slot's zero in the prologue; in the short typed convention also
        // the prologue's move of each long parameter to its slot's place (TypedCalls.SHORT).
        assertEquals(TypedCalls.SHORT ? 4 : 2, lstore, "lstore");
    }
}
