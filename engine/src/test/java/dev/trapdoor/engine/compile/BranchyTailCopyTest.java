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

import java.util.Set;

import static dev.trapdoor.engine.testing.SameTrap.assertSameTrap;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A register VM's loop shaped like the {@code bigvm} kernel's: the cases branch to one shared tail that stores, moves
 * the pc, skips a checksum update through an inner block's {@code br_if}, and ends in the step counter's
 * {@code br_if} back to the loop, whose fall-through leaves it. Chunks inside the loop copy that tail
 * ({@link LoopJoins#branches}); results and traps, a store's trap in a copied tail included, equal the
 * interpreter's. Such copies are opt-in ({@code -Dtrapdoor.jit.tailBranches=true}); off, such a tail stays alone.
 */
class BranchyTailCopyTest {
    private static final String SWITCH = "trapdoor.jit.tailBranches";
    /** A constant only the tail holds: a chunk that pushes it holds the tail or a copy of it. */
    private static final int MARK = 23130;

    @RegisterExtension
    final Switches switches = Switches.kept().set(SWITCH, "true");

    /** A case's body: the next pc first, then arithmetic that makes the case take room. */
    static String mix(int times) {
        return "(local.set $pc (i32.and (i32.add (local.get $pc) (i32.const 1)) (i32.const 7)))\n"
                + "(local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 31)) (local.get $pc)))\n".repeat(times);
    }

    private static final String MODULE = """
            (module
              (memory 1)
              ;; 0: a program of eight opcodes; 8: one that divides by a zero operand.
              (data (i32.const 0) "\\00\\01\\02\\03\\01\\00\\03\\02")
              (data (i32.const 8) "\\02\\00")
              (func $run (param $pc i32) (param $n i32) (param $dst i32) (result i32)
                (local $acc i32) (local $sum i32)
                (loop $next
                  (block $join
                    (block $op3 (block $op2 (block $op1 (block $op0
                      (br_table $op0 $op1 $op2 $op3 (i32.and (i32.load8_u (local.get $pc)) (i32.const 3))))
                      MIX
                      (br $join))
                    (local.set $acc (i32.xor (local.get $acc) (i32.shr_u (local.get $acc) (i32.const 7))))
                    MIX
                    (br $join))
                  (local.set $acc (i32.div_u (local.get $acc) (i32.load8_u offset=1 (local.get $pc))))
                  MIX
                  (br $join))
                  MIX)
                  TAIL)
                (i32.add (local.get $acc) (i32.load (i32.const 1024))) (local.get $sum) (i32.mul) (i32.add (local.get $acc)))
              (func (export "outer") (param i32 i32 i32) (result i32)
                (i32.add (i32.const 1) (call $run (local.get 0) (local.get 1) (local.get 2)))))
            """;

    /**
     * bigvm's tail: a store (past memory's end once $n drops below 20 when $dst is 65612), the next pc, a checksum
     * update skipped through the inner block's br_if, the mark, and the step counter's back-edge. ~600 bytes by the
     * copies' estimate: a quarter of a budget from 2,432 bytes up holds it.
     */
    private static final String BIG_TAIL = """
                  (i32.store (i32.sub (local.get $dst) (i32.shl (local.get $n) (i32.const 2)))
                    (i32.xor (local.get $acc) (local.get $pc)))
                  (local.set $pc (i32.and (i32.add (local.get $pc) (i32.const 3)) (i32.const 7)))
                  (block $skip
                    (br_if $skip (i32.and (local.get $acc) (i32.const 1)))
                    (local.set $sum (i32.add (local.get $sum)
                      (select (local.get $acc) (i32.const 7) (i32.and (local.get $pc) (i32.const 2))))))
                  (local.set $acc (i32.xor (local.get $acc) (i32.const MARK)))
                  (br_if $next (local.tee $n (i32.sub (local.get $n) (i32.const 1))))
            """;

    /** The same shape, small enough for the 256 bytes tiny budgets give copies: a store at $dst (65535 traps). */
    private static final String SMALL_TAIL = """
                  (i32.store (local.get $dst) (local.get $acc))
                  (block $skip
                    (br_if $skip (local.get $acc))
                    (local.set $sum (i32.const MARK)))
                  (br_if $next (local.tee $n (i32.sub (local.get $n) (i32.const 1))))
            """;

    private static String module(String tail, int mixes) {
        return MODULE.replace("TAIL", tail).replace("MIX", mix(mixes)).replace("MARK", Integer.toString(MARK));
    }

    private static Instance instance(EngineConfig config, String tail) {
        return new Store(config).instantiate(Wasm.load(Wabt.wat(module(tail, 120))), ImportResolver.NONE);
    }

    private static EngineConfig compiled(int budget) {
        return EngineConfig.DEFAULT.withTier(Tier.COMPILED).withChunkBudget(budget);
    }

    @ParameterizedTest(name = "budget {0}")
    @ValueSource(ints = {64, 300, 600, 2400, 4000, 7600})
    void theLoopComputesTheInterpretersResultWithTheSwitchOnAndOff(int budget) {
        for (String on : new String[]{"true", "false"}) {
            System.setProperty(SWITCH, on);
            for (String tail : new String[]{BIG_TAIL, SMALL_TAIL}) {
                for (int dst : new int[]{1024 + 4 * 50, 4096}) {
                    long[] expected = instance(EngineConfig.DEFAULT, tail).invoke("outer", 0, 50, dst);
                    assertArrayEquals(expected, instance(compiled(budget), tail).invoke("outer", 0, 50, dst),
                            on + " " + dst);
                }
            }
        }
    }

    @ParameterizedTest(name = "budget {0}")
    @ValueSource(ints = {64, 300, 600, 2400, 4000, 7600})
    void trapsInACaseAndInACopiedTailsStoreHaveTheInterpretersFrames(int budget) {
        // {pc, n, dst}: a division by zero in a case; stores past memory's end in the tail, from different cases.
        long[][] big = {{8, 3, 1024 + 4 * 3}, {0, 40, 65532 + 80}, {3, 40, 65532 + 80}};
        long[][] small = {{8, 3, 1024}, {0, 40, 65535}, {2, 40, 65535}, {6, 40, 65535}};
        for (String tail : new String[]{BIG_TAIL, SMALL_TAIL}) {
            for (long[] args : tail == BIG_TAIL ? big : small) {
                Trap interpreted = assertThrows(Trap.class,
                        () -> instance(EngineConfig.DEFAULT, tail).invoke("outer", args));
                assertEquals(args[0] == 8 ? TrapKind.INTEGER_DIVIDE_BY_ZERO : TrapKind.MEMORY_OUT_OF_BOUNDS,
                        interpreted.kind());
                Trap compiled = assertThrows(Trap.class, () -> instance(compiled(budget), tail).invoke("outer", args));
                assertSameTrap(interpreted, compiled);
            }
        }
    }

    /** Code compiled again for a debugger (every local moved) still computes the interpreter's result. */
    @ParameterizedTest(name = "budget {0}")
    @ValueSource(ints = {300, 7600})
    void aDebuggersRecompiledCodeComputesTheSame(int budget) {
        for (String tail : new String[]{BIG_TAIL, SMALL_TAIL}) {
            long[] expected = instance(EngineConfig.DEFAULT, tail).invoke("outer", 0, 50, 4096);
            Store store = new Store(compiled(budget));
            Instance inst = store.instantiate(Wasm.load(Wabt.wat(module(tail, 120))), ImportResolver.NONE);
            assertArrayEquals(expected, inst.invoke("outer", 0, 50, 4096));
            store.debugger();
            assertArrayEquals(expected, inst.invoke("outer", 0, 50, 4096));
        }
    }

    /** Names of the chunk methods that push the tail's mark. */
    private static Set<String> chunksWithTheTail(CompiledClass cc) {
        return ChunkMarks.chunksPushing(cc, MARK);
    }

    /**
     * The cases' chunks hold copies of the tail, bigvm's at the default budget and the small one at a tiny budget;
     * switched off, only the tail's own chunk holds it.
     */
    @ParameterizedTest(name = "budget {0}")
    @ValueSource(ints = {300, 7600})
    void chunksInsideTheLoopHoldCopiesOfTheTailUnlessSwitchedOff(int budget) {
        WasmModule m = Wasm.load(Wabt.wat(module(budget < 1000 ? SMALL_TAIL : BIG_TAIL, budget < 1000 ? 20 : 400)));
        CompiledClass cc = JvmCompiler.compile(new ModuleContext(m), 0, budget, "dev/trapdoor/engine/exec/Jit$T");
        assertTrue(cc.chunkCount() > 2, "the cases need several chunks, got " + cc.chunkCount());
        Set<String> holding = chunksWithTheTail(cc);
        assertTrue(holding.size() > 1, "chunks with the tail: " + holding + " of " + cc.chunkCount());
        System.setProperty(SWITCH, "false");
        CompiledClass off = JvmCompiler.compile(new ModuleContext(m), 0, budget, "dev/trapdoor/engine/exec/Jit$T");
        assertEquals(1, chunksWithTheTail(off).size(), "switched off");
    }
}
