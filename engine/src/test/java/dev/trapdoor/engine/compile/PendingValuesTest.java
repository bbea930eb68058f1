package dev.trapdoor.engine.compile;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.debug.DebugEvent;
import dev.trapdoor.engine.debug.Resume;
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

import java.util.ArrayList;
import java.util.List;

import static dev.trapdoor.engine.testing.SameTrap.assertSameTrap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pushed values that the compiled code keeps out of their slots until an instruction reads them: results stay
 * right, a trap in the reading instruction shows the interpreter's operands, and code gets small enough for C2 to
 * inline a hot recursive function.
 */
class PendingValuesTest {
    private static final String MODULE = """
            (module
              (memory 1)
              (global $g (mut i32) (i32.const 0))
              (func (export "load") (param $p i32) (result i32)
                (i32.add (i32.const 5) (i32.load offset=4 (local.get $p))))
              (func (export "store") (param $p i32) (param $v i32)
                (i32.store8 offset=1 (local.get $p) (local.get $v)))
              (func (export "constStore") (param $p i32)
                (i64.store (i32.const 65535) (i64.const -2)))
              (func (export "div") (param $a i32) (param $b i32) (result i32)
                (i32.rem_u (local.get $a) (i32.div_s (i32.const 100) (local.get $b))))
              (func (export "swap") (param $a i32) (param $b i32) (result i32)
                ;; a copy of $a is pending when $a is overwritten: it must keep the old value
                (local.get $a) (local.get $b) (local.set $a) (i32.sub (local.get $a)))
              (func (export "count") (param $n i32) (result i32) (local $i i32) (local $s i32)
                (block $out
                  (loop $top
                    (br_if $out (i32.ge_s (local.get $i) (local.get $n)))
                    (if (i32.eqz (i32.and (local.get $i) (i32.const 1)))
                      (then (local.set $s (i32.add (local.get $s) (local.get $i)))))
                    ;; a comparison used as a value, and one inverted twice
                    (local.set $s (i32.add (local.get $s) (i32.lt_u (local.get $i) (i32.const 3))))
                    (br_if $top (i32.eqz (i32.eqz (i32.lt_s (local.tee $i (i32.add (local.get $i) (i32.const 1)))
                                                            (local.get $n)))))))
                (local.get $s))
              (func (export "nan") (param $x f64) (result i32)
                (if (result i32) (i32.eqz (f64.lt (local.get $x) (f64.const 1)))
                  (then (i32.const 10)) (else (i32.const 20))))
              (func (export "bits") (param $x f32) (result i32)
                (global.set $g (i32.reinterpret_f32 (f32.const -0.0)))
                (i32.add (global.get $g) (i32.reinterpret_f32 (local.get $x)))))""";

    private record Run(List<SeenFrame> frames, Trap trap) {
    }

    private static Instance instance(EngineConfig config, List<SeenFrame> seen) {
        Store store = new Store(config);
        Instance instance = store.instantiate(Wasm.load(Wabt.wat(MODULE)), ImportResolver.NONE);
        store.debugger().setEntryEvents(false);
        store.debugger().setHandler((event, frames) -> {
            if (event instanceof DebugEvent.Trap) {
                frames.forEach(f -> seen.add(SeenFrame.of(f)));
            }
            return Resume.CONTINUE;
        });
        return instance;
    }

    private static Run trap(EngineConfig config, String export, long... args) {
        List<SeenFrame> seen = new ArrayList<>();
        Instance instance = instance(config, seen);
        Trap trap = assertThrows(Trap.class, () -> instance.function(export).call(args));
        return new Run(seen, trap);
    }

    private static final EngineConfig INTERPRETER = EngineConfig.DEFAULT.withTier(Tier.INTERPRETER);
    private static final EngineConfig[] COMPILED = {EngineConfig.DEFAULT.withTier(Tier.COMPILED),
            EngineConfig.DEFAULT.withTier(Tier.COMPILED).withChunkBudget(64)};

    @ParameterizedTest
    @ValueSource(strings = {"load", "store", "constStore", "div"})
    void aTrapInTheReadingInstructionShowsTheInterpretersOperands(String export) {
        long[] args = switch (export) {
            case "load" -> new long[]{65534};
            case "store" -> new long[]{65535, 0x1234};
            case "constStore" -> new long[]{3};
            default -> new long[]{7, 0};
        };
        Run expected = trap(INTERPRETER, export, args);
        assertEquals(1, expected.frames().size());
        for (EngineConfig config : COMPILED) {
            Run actual = trap(config, export, args);
            assertEquals(expected.frames(), actual.frames(), export);
            assertSameTrap(expected.trap(), actual.trap());
        }
    }

    @Test
    void resultsMatchTheInterpreter() {
        String[] exports = {"load", "div", "swap", "bits", "count", "nan", "nan", "nan"};
        long[][] args = {{16}, {1000, 7}, {9, 4}, {Float.floatToRawIntBits(1.5f)}, {10},
                {Double.doubleToRawLongBits(Double.NaN)}, {Double.doubleToRawLongBits(0.5)},
                {Double.doubleToRawLongBits(2.0)}};
        for (EngineConfig config : COMPILED) {
            Instance interpreted = instance(INTERPRETER, new ArrayList<>());
            Instance compiled = instance(config, new ArrayList<>());
            interpreted.memory().writeInt(20, 123);
            compiled.memory().writeInt(20, 123);
            for (int i = 0; i < exports.length; i++) {
                assertEquals(interpreted.function(exports[i]).call(args[i])[0],
                        compiled.function(exports[i]).call(args[i])[0], exports[i]);
            }
        }
        Instance compiled = instance(COMPILED[0], new ArrayList<>());
        assertEquals(5L, compiled.function("swap").call(9, 4)[0]);
        // 0+2+4+6+8 from the if, plus 3 for i < 3
        assertEquals(23L, compiled.function("count").call(10)[0]);
        assertEquals(10L, compiled.function("nan").call(Double.doubleToRawLongBits(Double.NaN))[0]);
    }

    /** C2 inlines a hot callee of up to {@code FreqInlineSize} (325) bytes of bytecode; fib's typed entry must fit. */
    @Test
    void aSmallRecursiveFunctionsTypedEntryFitsC2sHotInliningLimit() {
        WasmModule module = Wasm.load(Wabt.wat("""
                (module
                  (func $fib (export "fib") (param $k i32) (result i32)
                    (if (result i32) (i32.lt_u (local.get $k) (i32.const 2))
                      (then (local.get $k))
                      (else (i32.add (call $fib (i32.sub (local.get $k) (i32.const 1)))
                                     (call $fib (i32.sub (local.get $k) (i32.const 2))))))))"""));
        CompiledClass compiled = JvmCompiler.compile(new ModuleContext(module), 0, 7600,
                "dev/trapdoor/engine/exec/Jit$T", false, true);
        assertTrue(compiled.typedEntry());
        int size = methodSize(compiled.classes()[0], TypedCalls.METHOD);
        assertTrue(size > 0 && size <= 325, "typed entry of fib: " + size + " bytes");
    }

    private static int methodSize(byte[] classBytes, String name) {
        try {
            return ClassFiles.codeLengths(new java.io.ByteArrayInputStream(classBytes)).getOrDefault(name, -1);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
