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
import org.junit.jupiter.api.Test;
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
 * A bytecode interpreter's loop shaped like Lua's {@code luaV_execute}: the cases branch to one shared tail that
 * fetches the next opcode (a load that can trap) and branches back to the dispatch. Every chunk inside the loop
 * copies that tail without the header ({@link LoopJoins#tailsAlone}, on by default); results and traps, a trap in a
 * copied tail included, equal the interpreter's. {@code -Dtrapdoor.jit.tailCopies=false} leaves the tail alone.
 */
class TailCopyTest {
    private static final String SWITCH = "trapdoor.jit.tailCopies";
    /** A constant only the tail holds: a chunk that pushes it holds the tail or a copy of it. */
    private static final int MARK = 23130;

    @RegisterExtension
    final Switches switches = Switches.kept().set(SWITCH, null);

    private static String mix(int times) {
        return "(local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 31)) (local.get $pc)))\n".repeat(times);
    }

    private static final String MODULE = """
            (module
              (memory 1)
              ;; 0: a program that loops $n times; 16: divides by a zero operand; 32: jumps past memory's end,
              ;; where the tail's fetch traps.
              (data (i32.const 0) "\\00\\01\\00\\03\\07\\01\\02\\09")
              (data (i32.const 16) "\\00\\03\\00\\09")
              (data (i32.const 32) "\\00\\01\\04")
              (func $run (param $pc i32) (param $n i32) (result i32) (local $acc i32) (local $op i32)
                (local.set $op (i32.load8_u (local.get $pc)))
                (block $exit
                  (loop $next
                    (block $join
                      (block $op4 (block $op3 (block $op2 (block $op1 (block $op0
                        (br_table $op0 $op1 $op2 $op3 $op4 $exit (local.get $op)))
                        MIX
                        (br $join))
                      (local.set $acc (i32.xor (local.get $acc) (i32.shr_u (local.get $acc) (i32.const 7))))
                      MIX
                      (br $join))
                    (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                    (if (local.get $n) (then (local.set $pc (i32.const -1))))
                    (br $join))
                  (local.set $acc (i32.div_u (local.get $acc) (i32.load8_u offset=1 (local.get $pc))))
                  (local.set $pc (i32.add (local.get $pc) (i32.const 1)))
                  MIX
                  (br $join))
                (local.set $pc (i32.const 69999)))
                    ;; The shared tail: the next pc, the mark, the fetch.
                    (local.set $pc (i32.add (local.get $pc) (i32.const 1)))
                    (local.set $acc (i32.xor (local.get $acc) (i32.const MARK)))
                    (local.set $op (i32.load8_u (local.get $pc)))
                    (br $next)))
                (local.get $acc))
              (func (export "outer") (param i32 i32) (result i32)
                (i32.add (i32.const 1) (call $run (local.get 0) (local.get 1)))))
            """.replace("MIX", mix(150)).replace("MARK", Integer.toString(MARK));

    private static Instance instance(EngineConfig config) {
        return new Store(config).instantiate(Wasm.load(Wabt.wat(MODULE)), ImportResolver.NONE);
    }

    private static EngineConfig compiled(int budget) {
        return EngineConfig.DEFAULT.withTier(Tier.COMPILED).withChunkBudget(budget);
    }

    @ParameterizedTest(name = "budget {0}")
    @ValueSource(ints = {64, 600, 2400, 4000, 7600})
    void theLoopComputesTheInterpretersResult(int budget) {
        long[] expected = instance(EngineConfig.DEFAULT).invoke("outer", 0, 40);
        assertArrayEquals(expected, instance(compiled(budget)).invoke("outer", 0, 40));
    }

    @ParameterizedTest(name = "budget {0}")
    @ValueSource(ints = {64, 600, 2400, 4000})
    void trapsInACaseAndInACopiedTailHaveTheInterpretersFrames(int budget) {
        for (int pc : new int[]{16, 32}) {
            Trap interpreted = assertThrows(Trap.class, () -> instance(EngineConfig.DEFAULT).invoke("outer", pc, 1));
            assertEquals(pc == 16 ? TrapKind.INTEGER_DIVIDE_BY_ZERO : TrapKind.MEMORY_OUT_OF_BOUNDS,
                    interpreted.kind());
            Trap compiled = assertThrows(Trap.class, () -> instance(compiled(budget)).invoke("outer", pc, 1));
            assertSameTrap(interpreted, compiled);
        }
    }

    /** Names of the chunk methods that push the tail's mark. */
    private static Set<String> chunksWithTheTail(CompiledClass cc) {
        return ChunkMarks.chunksPushing(cc, MARK);
    }

    /**
     * The cases' chunks hold copies of the tail; switched off, only the tail's own chunk holds it. (A chunk spends at
     * most a quarter of its budget on copies, ~48 bytes a step: this tail of 11 steps needs a budget of 2,200.)
     */
    @Test
    void chunksInsideTheLoopHoldCopiesOfTheTailUnlessSwitchedOff() {
        WasmModule m = Wasm.load(Wabt.wat(MODULE));
        CompiledClass cc = JvmCompiler.compile(new ModuleContext(m), 0, 2400, "dev/trapdoor/engine/exec/Jit$T");
        assertTrue(cc.chunkCount() > 2, "the cases need several chunks at 2400 bytes, got " + cc.chunkCount());
        Set<String> holding = chunksWithTheTail(cc);
        assertTrue(holding.size() > 1, "chunks with the tail: " + holding + " of " + cc.chunkCount());
        System.setProperty(SWITCH, "false");
        CompiledClass off = JvmCompiler.compile(new ModuleContext(m), 0, 2400, "dev/trapdoor/engine/exec/Jit$T");
        assertEquals(1, chunksWithTheTail(off).size(), "switched off");
    }
}
