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
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashSet;
import java.util.Set;

import static dev.trapdoor.engine.testing.SameTrap.assertSameTrap;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A register VM's loop whose header copy and shared tail together need more than a quarter of the budget
 * ({@link ChunkBudget#copyAllowance(int)}): with header copies and the tail shape on, the cases' chunks hold both
 * copies, so a case goes back to the header without leaving its chunk; with {@code -Dtrapdoor.jit.wholeCopies=false}
 * they hold the header's copy only. Results and traps (in a case, in a copied header's load, in a copied tail's
 * store) equal the interpreter's either way.
 */
class WholeCopiesTest {
    private static final String SWITCH = "trapdoor.jit.wholeCopies";
    /** Constants only the header and only the tail hold (the header's too wide for an {@code iinc}). */
    private static final int HEADER_MARK = 5921370;
    private static final int TAIL_MARK = 23130;

    @RegisterExtension
    final Switches switches = Switches.kept(SWITCH, "trapdoor.jit.copyStackResults")
            .set("trapdoor.jit.headerCopies", "true").set("trapdoor.jit.tailBranches", "true");

    /**
     * The header loads the opcode at $pc + $base (past memory's end when $base is large), the tail stores at $dst
     * (past memory's end once $n drops below 20 when $dst is 65612) and ends in the step counter's back-edge.
     */
    private static final String MODULE = """
            (module
              (memory 1)
              (data (i32.const 0) "\\00\\01\\02\\03\\01\\00\\03\\02")
              (data (i32.const 8) "\\02\\00")
              (func $run (param $pc i32) (param $n i32) (param $dst i32) (param $base i32) (result i32)
                (local $acc i32) (local $sum i32)
                (loop $next
                  (local.set $sum (i32.add (local.get $sum) (i32.const HEADER_MARK)))
                  (block $join
                    (block $op3 (block $op2 (block $op1 (block $op0
                      (br_table $op0 $op1 $op2 $op3
                        (i32.and (i32.load8_u (i32.add (local.get $base) (local.get $pc))) (i32.const 3))))
                      MIX
                      (br $join))
                    (local.set $acc (i32.xor (local.get $acc) (i32.shr_u (local.get $acc) (i32.const 7))))
                    MIX
                    (br $join))
                  (local.set $acc (i32.div_u (local.get $acc) (i32.load8_u offset=1 (local.get $pc))))
                  MIX
                  (br $join))
                  MIX)
                  (i32.store (i32.sub (local.get $dst) (i32.shl (local.get $n) (i32.const 2)))
                    (i32.xor (local.get $acc) (local.get $pc)))
                  (local.set $pc (i32.and (i32.add (local.get $pc) (i32.const 3)) (i32.const 7)))
                  (block $skip
                    (br_if $skip (i32.and (local.get $acc) (i32.const 1)))
                    (local.set $sum (i32.add (local.get $sum)
                      (select (local.get $acc) (i32.const 7) (i32.and (local.get $pc) (i32.const 2))))))
                  (local.set $acc (i32.xor (local.get $acc) (i32.const TAIL_MARK)))
                  (br_if $next (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
                (i32.add (local.get $acc) (i32.load (i32.const 1024))) (local.get $sum) (i32.mul) (i32.add (local.get $acc)))
              (func (export "outer") (param i32 i32 i32 i32) (result i32)
                (i32.add (i32.const 1) (call $run (local.get 0) (local.get 1) (local.get 2) (local.get 3)))))
            """;

    private static String module(int mixes) {
        return MODULE.replace("MIX", BranchyTailCopyTest.mix(mixes)).replace("HEADER_MARK", Integer.toString(HEADER_MARK))
                .replace("TAIL_MARK", Integer.toString(TAIL_MARK));
    }

    private static Instance instance(EngineConfig config) {
        return new Store(config).instantiate(Wasm.load(Wabt.wat(module(120))), ImportResolver.NONE);
    }

    private static EngineConfig compiled(int budget) {
        return EngineConfig.DEFAULT.withTier(Tier.COMPILED).withChunkBudget(budget);
    }

    @ParameterizedTest(name = "budget {0}")
    @ValueSource(ints = {64, 300, 1200, 2400, 7600})
    void theLoopComputesTheInterpretersResultWithTheSwitchOnAndOff(int budget) {
        for (String on : new String[]{"true", "false"}) {
            System.setProperty(SWITCH, on);
            for (int dst : new int[]{1024 + 4 * 50, 4096}) {
                long[] expected = instance(EngineConfig.DEFAULT).invoke("outer", 0, 50, dst, 0);
                assertArrayEquals(expected, instance(compiled(budget)).invoke("outer", 0, 50, dst, 0), on + " " + dst);
            }
        }
    }

    @ParameterizedTest(name = "budget {0}")
    @ValueSource(ints = {64, 300, 1200, 2400, 7600})
    void trapsInACaseACopiedHeaderAndACopiedTailHaveTheInterpretersFrames(int budget) {
        // {pc, n, dst, base}: a division by zero in a case; stores past memory's end in the tail, from different
        // cases; the header's load past memory's end at the second step (opcode 0 at $pc 0, then $pc 4).
        long[][] cases = {{8, 3, 1024 + 4 * 3, 0}, {0, 40, 65532 + 80, 0}, {3, 40, 65532 + 80, 0},
                {0, 40, 4096, 65534}};
        TrapKind[] kinds = {TrapKind.INTEGER_DIVIDE_BY_ZERO, TrapKind.MEMORY_OUT_OF_BOUNDS,
                TrapKind.MEMORY_OUT_OF_BOUNDS, TrapKind.MEMORY_OUT_OF_BOUNDS};
        for (String on : new String[]{"true", "false"}) {
            System.setProperty(SWITCH, on);
            for (int i = 0; i < cases.length; i++) {
                long[] args = cases[i];
                Trap interpreted = assertThrows(Trap.class, () -> instance(EngineConfig.DEFAULT).invoke("outer", args));
                assertEquals(kinds[i], interpreted.kind());
                Trap compiled = assertThrows(Trap.class, () -> instance(compiled(budget)).invoke("outer", args));
                assertSameTrap(interpreted, compiled);
            }
        }
    }

    /** Chunk methods that hold both the header's copy (or the header) and the tail's copy (or the tail). */
    private static Set<String> chunksWithBoth(CompiledClass cc) {
        Set<String> both = new HashSet<>(ChunkMarks.chunksPushing(cc, HEADER_MARK));
        both.retainAll(ChunkMarks.chunksPushing(cc, TAIL_MARK));
        return both;
    }

    /**
     * At a budget whose quarter does not hold both copies but whose half does, the cases' chunks hold both; switched
     * off, only the tail's own chunk does (the header's copy beside the tail itself).
     */
    @ParameterizedTest(name = "budget {0}, copyStackResults={1}")
    @CsvSource({"2400, true", "2800, true", "2400, false", "3200, false"})
    void theCasesChunksHoldTheHeaderAndTheTailUnlessSwitchedOff(int budget, String stackResults) {
        // The shorter code of i32 results left on the JVM stack (StackResults) fits both copies in a smaller quarter.
        System.setProperty("trapdoor.jit.copyStackResults", stackResults);
        WasmModule m = Wasm.load(Wabt.wat(module(400)));
        CompiledClass cc = JvmCompiler.compile(new ModuleContext(m), 0, budget, "dev/trapdoor/engine/exec/Jit$T");
        assertTrue(cc.chunkCount() > 3, "the cases need several chunks, got " + cc.chunkCount());
        Set<String> both = chunksWithBoth(cc);
        assertTrue(both.size() > 2, "chunks with both copies: " + both + " of " + cc.chunkCount());
        System.setProperty(SWITCH, "false");
        CompiledClass off = JvmCompiler.compile(new ModuleContext(m), 0, budget, "dev/trapdoor/engine/exec/Jit$T");
        assertTrue(chunksWithBoth(off).size() <= 1, "switched off, chunks with both: " + chunksWithBoth(off));
    }
}
