package dev.trapdoor.engine.compile;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.exec.EngineConfig;
import dev.trapdoor.engine.exec.ImportResolver;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.exec.Store;
import dev.trapdoor.engine.exec.Tier;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.testing.Switches;
import dev.trapdoor.engine.testing.Wabt;
import dev.trapdoor.engine.trap.Trap;
import dev.trapdoor.engine.trap.TrapKind;
import dev.trapdoor.engine.validate.ModuleContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.trapdoor.engine.testing.SameTrap.assertSameTrap;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A C function's shape: a prologue that moves the stack pointer down, an outermost block whose early exits, spread over
 * several chunks, branch to its end, and after it the epilogue (the stack pointer restored, the result computed by a
 * load that can trap), which ends the function or returns. Each chunk inside the block holds a copy of that epilogue
 * ({@link LoopJoins#returns}, on by default) and returns there instead of leaving for the epilogue's chunk; results, the
 * global's value and traps (one in a copied epilogue included) equal the interpreter's.
 * {@code -Dtrapdoor.jit.returnTails=false} leaves the epilogue in its own chunk.
 */
class ReturnTailTest {
    private static final String SWITCH = "trapdoor.jit.returnTails";
    /** A constant only the epilogue holds: a chunk that pushes it holds the epilogue or a copy of it. */
    private static final int MARK = 23130;

    @RegisterExtension
    final Switches switches = Switches.kept().set(SWITCH, null);

    private static String mix(int times) {
        return "(local.set $r (i32.add (i32.mul (local.get $r) (i32.const 31)) (local.get $x)))\n".repeat(times);
    }

    private static String module(boolean explicitReturn) {
        String result = "(i32.xor (i32.add (local.get $r) (i32.load offset=4 (local.get $x))) (i32.const MARK))";
        return """
                (module
                  (memory 1)
                  (global $sp (mut i32) (i32.const 1000))
                  (data (i32.const 0) "\\01\\02\\03\\04\\05\\06\\07\\08\\09")
                  (func $f (param $x i32) (param $n i32) (result i32) (local $r i32) (local $save i32)
                    (local.set $save (global.get $sp))
                    (global.set $sp (i32.sub (local.get $save) (i32.const 16)))
                    (block $out
                      (br_if $out (i32.eqz (local.get $n)))
                      MIX
                      (br_if $out (i32.eq (local.get $n) (i32.const 1)))
                      MIX
                      (br_if $out (i32.eq (local.get $n) (i32.const 2)))
                      MIX
                      (local.set $r (i32.add (local.get $r) (i32.const 5))))
                    (global.set $sp (local.get $save))
                    RESULT)
                  (func (export "outer") (param i32 i32) (result i32)
                    (i32.add (i32.const 1) (call $f (local.get 0) (local.get 1))))
                  (func (export "sp") (result i32) (global.get $sp)))
                """.replace("MIX", mix(150))
                .replace("RESULT", explicitReturn ? "(return " + result + ")" : result)
                .replace("MARK", Integer.toString(MARK));
    }

    private static Instance instance(boolean explicitReturn, EngineConfig config) {
        return new Store(config).instantiate(Wasm.load(Wabt.wat(module(explicitReturn))), ImportResolver.NONE);
    }

    private static EngineConfig compiled(int budget) {
        return EngineConfig.DEFAULT.withTier(Tier.COMPILED).withChunkBudget(budget);
    }

    @ParameterizedTest(name = "budget {0}")
    @ValueSource(ints = {64, 600, 2400, 7600})
    void everyExitComputesTheInterpretersResultAndRestoresTheGlobal(int budget) {
        for (boolean explicitReturn : new boolean[]{false, true}) {
            for (int n = 0; n < 4; n++) {
                Instance interpreted = instance(explicitReturn, EngineConfig.DEFAULT);
                Instance compiled = instance(explicitReturn, compiled(budget));
                assertArrayEquals(interpreted.invoke("outer", 1, n), compiled.invoke("outer", 1, n), "n " + n);
                assertArrayEquals(interpreted.invoke("sp"), compiled.invoke("sp"), "n " + n);
            }
        }
    }

    @ParameterizedTest(name = "budget {0}")
    @ValueSource(ints = {64, 600, 2400})
    void aTrapInACopiedEpilogueHasTheInterpretersFrames(int budget) {
        for (boolean explicitReturn : new boolean[]{false, true}) {
            for (int n = 0; n < 4; n++) {
                int exit = n;
                Trap interpreted = assertThrows(Trap.class,
                        () -> instance(explicitReturn, EngineConfig.DEFAULT).invoke("outer", 65533, exit));
                assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS, interpreted.kind());
                Trap compiled = assertThrows(Trap.class,
                        () -> instance(explicitReturn, compiled(budget)).invoke("outer", 65533, exit));
                assertSameTrap(interpreted, compiled);
            }
        }
    }

    /** The block's chunks hold copies of the epilogue; switched off, only the epilogue's own chunk holds it. */
    @ParameterizedTest(name = "explicit return {0}")
    @ValueSource(booleans = {false, true})
    void chunksInsideTheBlockHoldCopiesOfTheEpilogueUnlessSwitchedOff(boolean explicitReturn) {
        WasmModule m = Wasm.load(Wabt.wat(module(explicitReturn)));
        CompiledClass cc = JvmCompiler.compile(new ModuleContext(m), 0, 2400, "dev/trapdoor/engine/exec/Jit$T");
        assertTrue(cc.chunkCount() > 2, "the block needs several chunks at 2400 bytes, got " + cc.chunkCount());
        // The block opens in the first chunk, whose exits leave for the epilogue's; every later chunk holds it.
        assertEquals(cc.chunkCount() - 1, ChunkMarks.chunksPushing(cc, MARK).size(),
                "chunks with the epilogue: " + ChunkMarks.chunksPushing(cc, MARK) + " of " + cc.chunkCount());
        System.setProperty(SWITCH, "false");
        CompiledClass off = JvmCompiler.compile(new ModuleContext(m), 0, 2400, "dev/trapdoor/engine/exec/Jit$T");
        assertEquals(1, ChunkMarks.chunksPushing(off, MARK).size(), "switched off");
    }
}
