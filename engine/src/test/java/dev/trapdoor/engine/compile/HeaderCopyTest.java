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
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.util.HashSet;
import java.util.Set;

import static dev.trapdoor.engine.testing.SameTrap.assertSameTrap;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A bytecode interpreter's loop (a header that loads the next opcode and dispatches through a br_table, cases that
 * branch to a shared tail, the tail branching back) compiled in many chunks: chunks copy the header and the tail
 * ({@link HeaderCopy}, {@link LoopJoins}), and results and traps, in a case or in a copied dispatch, equal the
 * interpreter's, frames included. Copies are opt-in ({@code -Dtrapdoor.jit.headerCopies=true}), so this class
 * turns them on, and checks that they are off without it.
 */
class HeaderCopyTest {
    private static final String SWITCH = "trapdoor.jit.headerCopies";

    @RegisterExtension
    final Switches switches = Switches.kept("trapdoor.jit.copyStackResults").set(SWITCH, "true");

    /** A case's arithmetic, repeated so that cases need chunks of their own under small budgets. */
    private static String mix(int times) {
        return "(local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 31)) (local.get $pc)))\n".repeat(times);
    }

    private static final String MODULE = """
            (module
              (memory 1)
              ;; 0: a program that loops $n times; 16: divides by a zero operand; 32: jumps out of memory.
              (data (i32.const 0) "\\00\\01\\00\\03\\07\\01\\02\\09")
              (data (i32.const 16) "\\00\\03\\00\\09")
              (data (i32.const 32) "\\00\\01\\04")
              (func $run (param $pc i32) (param $n i32) (result i32) (local $acc i32)
                (block $exit
                  (loop $next
                    (block $join
                      (block $op4 (block $op3 (block $op2 (block $op1 (block $op0
                        (br_table $op0 $op1 $op2 $op3 $op4 $exit (i32.load8_u (local.get $pc))))
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
                    (local.set $pc (i32.add (local.get $pc) (i32.const 1)))
                    (br $next)))
                (local.get $acc))
              (func (export "outer") (param i32 i32) (result i32)
                (i32.add (i32.const 1) (call $run (local.get 0) (local.get 1)))))
            """.replace("MIX", mix(60));

    private static Instance instance(EngineConfig config) {
        return new Store(config).instantiate(Wasm.load(Wabt.wat(MODULE)), ImportResolver.NONE);
    }

    private static EngineConfig compiled(int budget) {
        return EngineConfig.DEFAULT.withTier(Tier.COMPILED).withChunkBudget(budget);
    }

    @ParameterizedTest(name = "budget {0}")
    @ValueSource(ints = {64, 150, 600, 2000, 7600})
    void theLoopComputesTheInterpretersResult(int budget) {
        long[] expected = instance(EngineConfig.DEFAULT).invoke("outer", 0, 40);
        assertArrayEquals(expected, instance(compiled(budget)).invoke("outer", 0, 40));
    }

    @ParameterizedTest(name = "budget {0}")
    @ValueSource(ints = {64, 150, 600, 2000})
    void trapsInACaseAndInTheCopiedDispatchHaveTheInterpretersFrames(int budget) {
        for (int pc : new int[]{16, 32}) {
            Trap interpreted = assertThrows(Trap.class, () -> instance(EngineConfig.DEFAULT).invoke("outer", pc, 1));
            assertEquals(pc == 16 ? TrapKind.INTEGER_DIVIDE_BY_ZERO : TrapKind.MEMORY_OUT_OF_BOUNDS,
                    interpreted.kind());
            Trap compiled = assertThrows(Trap.class, () -> instance(compiled(budget)).invoke("outer", pc, 1));
            assertSameTrap(interpreted, compiled);
        }
    }

    /** Names of the chunk methods holding a tableswitch over the loop's five cases. */
    private static Set<String> dispatchingChunks(CompiledClass cc) {
        Set<String> dispatching = new HashSet<>();
        for (byte[] bytes : cc.classes()) {
            new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String d, String s, String[] e) {
                    return new MethodVisitor(Opcodes.ASM9) {
                        @Override
                        public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
                            if (min == 0 && max == 4 && name.matches("c\\d+")) {
                                dispatching.add(name);
                            }
                        }
                    };
                }
            }, 0);
        }
        return dispatching;
    }

    /**
     * The dispatch is a tableswitch over the five cases; chunks other than the header's hold copies of it (a copy no
     * branch reaches is dead code, which ASM drops: the cases' chunks use theirs through the tail's copy). Without
     * the switch, only the header's chunk dispatches. Both with i32 results left on the JVM stack ({@link
     * StackResults}, the shorter code) and without ({@code -Dtrapdoor.jit.copyStackResults=false}).
     */
    @ParameterizedTest(name = "copyStackResults={0}")
    @ValueSource(strings = {"true", "false"})
    void chunksAfterTheHeadersHoldCopiesOfTheDispatchWhenSwitchedOn(String stackResults) {
        System.setProperty("trapdoor.jit.copyStackResults", stackResults);
        try {
            WasmModule m = Wasm.load(Wabt.wat(MODULE));
            CompiledClass cc = JvmCompiler.compile(new ModuleContext(m), 0, BUDGET, "dev/trapdoor/engine/exec/Jit$H");
            assertTrue(cc.chunkCount() > 2, "the cases need several chunks at " + BUDGET + " bytes, got "
                    + cc.chunkCount());
            Set<String> dispatching = dispatchingChunks(cc);
            assertTrue(dispatching.size() > 1, "chunks that dispatch: " + dispatching + " of " + cc.chunkCount());
            System.clearProperty(SWITCH);
            try {
                CompiledClass off = JvmCompiler.compile(new ModuleContext(m), 0, BUDGET,
                        "dev/trapdoor/engine/exec/Jit$H");
                assertEquals(1, dispatchingChunks(off).size(), "copies are opt-in");
            } finally {
                System.setProperty(SWITCH, "true");
            }
        } finally {
            System.clearProperty("trapdoor.jit.copyStackResults");
        }
    }

    /** Small enough that the five cases need chunks of their own in either shape of the code. */
    private static final int BUDGET = 1500;
}
