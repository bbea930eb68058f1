package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.compile.CompiledClass;
import dev.trapdoor.engine.compile.JvmCompiler;
import dev.trapdoor.engine.compile.TypedCalls;
import dev.trapdoor.engine.testing.ClassFiles;
import dev.trapdoor.engine.testing.SeenFrame;
import dev.trapdoor.engine.testing.Wabt;
import dev.trapdoor.engine.trap.Trap;
import dev.trapdoor.engine.validate.ModuleContext;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.trapdoor.engine.testing.SameTrap.assertSameTrap;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A typed entry's frame leaves through its out-of-line spill helper ({@code compile.TypedExit}): at a poll (a
 * debugger attaching mid-loop) it goes on in the interpreter with the same result, and at a trap a waiting debugger
 * sees the interpreter's frames. The helper is what lets a three-argument recursive function's entry fit C2's
 * hot-inlining limit.
 */
class TypedExitTest {
    /**
     * {@code outer} calls {@code $sum} (one chunk, one result: a typed callee) whose nested loops run long enough to
     * attach to; {@code trapOuter} calls {@code $deep}, which divides by its first argument.
     */
    private static final String MODULE = """
            (module
              (global $count (export "count") (mut i32) (i32.const 0))
              (func $sum (param $n i32) (param $k i32) (result i64)
                (local $i i32) (local $j i32) (local $acc i64)
                (loop $outer
                  (local.set $j (i32.const 0))
                  (loop $inner
                    (local.set $acc (i64.add (local.get $acc)
                      (i64.extend_i32_u (i32.mul (local.get $i) (i32.xor (local.get $j) (local.get $k))))))
                    (global.set $count (i32.add (global.get $count) (i32.const 1)))
                    (br_if $inner (i32.lt_u (local.tee $j (i32.add (local.get $j) (i32.const 1)))
                      (i32.const 1000))))
                  (br_if $outer (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
                (local.get $acc))
              (func (export "outer") (param $n i32) (result i64)
                (i64.add (call $sum (local.get $n) (i32.const 7)) (i64.const 1)))
              (func $deep (param $a i32) (param $b i32) (param $c i32) (result i32) (local $x i32) (local $y i32)
                (local.set $x (i32.mul (local.get $a) (i32.const 3)))
                (local.set $y (i32.add (local.get $b) (local.get $x)))
                (i32.add (local.get $y) (i32.div_s (local.get $c) (local.get $a))))
              (func (export "trapOuter") (param $a i32) (result i32)
                (i32.add (i32.const 1) (call $deep (local.get $a) (i32.const 5) (i32.const 9)))))""";

    private static Instance instantiate(EngineConfig config) {
        return new Store(config).instantiate(Wasm.load(Wabt.wat(MODULE)), ImportResolver.NONE);
    }

    @Test
    void aTypedFrameThatLeavesAtAPollKeepsTheResult() throws Exception {
        long[] expected = instantiate(EngineConfig.DEFAULT.withTier(Tier.INTERPRETER)).invoke("outer", 30_000);
        Instance instance = instantiate(EngineConfig.DEFAULT.withTier(Tier.COMPILED));
        assertTrue(instance.function("outer").jitContext != null, "outer should run compiled");
        CompletableFuture<long[]> run = CompletableFuture.supplyAsync(() -> instance.invoke("outer", 30_000));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (instance.global("count").get() < 5_000_000) {
            assertTrue(System.nanoTime() < deadline, "the program never got going");
            Thread.sleep(5);
        }
        // A breakpoint where the loop never goes still sends every compiled frame, the typed one too, to the
        // interpreter: through the helper's exit.
        instance.store().debugger().addFunctionBreakpoint(instance, instance.function("trapOuter").funcIndex);
        assertArrayEquals(expected, run.get(60, TimeUnit.SECONDS), "the result changed when the typed frame moved");
        assertTrue(instance.store().leaveCompiled);
    }

    private record Run(List<SeenFrame> frames, Trap trap) {
    }

    private static Run trap(EngineConfig config) {
        Instance instance = instantiate(config);
        List<SeenFrame> seen = SeenFrame.atTraps(instance.store().debugger());
        Trap trap = assertThrows(Trap.class, () -> instance.function("trapOuter").call(0));
        return new Run(seen, trap);
    }

    @Test
    void aTrapInATypedCalleeShowsTheInterpretersFrames() {
        Run expected = trap(EngineConfig.DEFAULT.withTier(Tier.INTERPRETER));
        assertEquals(2, expected.frames().size(), expected.frames().toString());
        Run actual = trap(EngineConfig.DEFAULT.withTier(Tier.COMPILED));
        assertEquals(expected.frames(), actual.frames());
        assertSameTrap(expected.trap(), actual.trap());
    }

    @Test
    void takesTypedEntryFitsC2sHotInliningLimit() throws Exception {
        var module = Wasm.load(Wabt.wat("""
                (module
                  (func $tak (export "tak") (param $x i32) (param $y i32) (param $z i32) (result i32)
                    (if (result i32) (i32.lt_s (local.get $y) (local.get $x))
                      (then (call $tak
                        (call $tak (i32.sub (local.get $x) (i32.const 1)) (local.get $y) (local.get $z))
                        (call $tak (i32.sub (local.get $y) (i32.const 1)) (local.get $z) (local.get $x))
                        (call $tak (i32.sub (local.get $z) (i32.const 1)) (local.get $x) (local.get $y))))
                      (else (local.get $z)))))"""));
        CompiledClass compiled = JvmCompiler.compile(new ModuleContext(module), 0, EngineConfig.DEFAULT_CHUNK_BUDGET,
                "dev/trapdoor/engine/exec/Jit$Tak", false, true);
        assertTrue(compiled.typedEntry());
        Map<String, Integer> sizes = ClassFiles.codeLengths(new java.io.ByteArrayInputStream(compiled.classes()[0]));
        int size = sizes.getOrDefault(TypedCalls.METHOD, -1);
        assertTrue(size > 0 && size <= 325, "typed entry of tak: " + size + " bytes");
        assertTrue(sizes.containsKey("x"), "the spill block should be out of line: " + sizes.keySet());
        assertArrayEquals(instantiateTak(module, Tier.INTERPRETER), instantiateTak(module, Tier.COMPILED));
    }

    private static long[] instantiateTak(dev.trapdoor.engine.model.WasmModule module, Tier tier) {
        return new Store(EngineConfig.DEFAULT.withTier(tier)).instantiate(module, ImportResolver.NONE)
                .invoke("tak", 18, 12, 6);
    }
}
