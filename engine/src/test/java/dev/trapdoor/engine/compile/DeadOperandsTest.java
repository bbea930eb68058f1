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
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import static dev.trapdoor.engine.testing.SameTrap.assertSameTrap;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A VM loop of many chunks whose cases compute deep expressions (so every chunk writes operand slots) but cross
 * chunks with an empty operand stack: with {@link DeadOperands} the crossings leave those slots out, and results,
 * traps (a division deep in an expression, whose frame shows the operands below it) and chunk cuts inside an
 * expression (operands that are live across the cut) still equal the interpreter's.
 * {@code -Dtrapdoor.jit.deadOperands=false} moves every slot as before.
 */
class DeadOperandsTest {
    private static final String SWITCH = "trapdoor.jit.deadOperands";

    @RegisterExtension
    final Switches switches = Switches.kept().set(SWITCH, null);

    /** A case: a deep expression over acc and k, folded into acc; its operands pile up four high. */
    private static String arm(int k, boolean divides) {
        String inner = divides
                ? "(i32.div_u (local.get $acc) (i32.and (local.get $n) (i32.const " + (k | 1) + ")))"
                : "(i32.rotl (local.get $acc) (i32.const " + (k % 31 + 1) + "))";
        return ("(local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const " + (2 * k + 3) + "))"
                + " (i32.xor (i32.add (local.get $n) (i32.const " + k + ")) " + inner + ")))\n").repeat(6);
    }

    /** {@code run(n)}: n steps of a loop over eight cases picked by acc; {@code divides}: case 5 divides by n&5. */
    private static String module(boolean divides) {
        StringBuilder cases = new StringBuilder("(block $c0 (block $c1 (block $c2 (block $c3 (block $c4 (block $c5"
                + " (block $c6 (block $c7\n (br_table $c0 $c1 $c2 $c3 $c4 $c5 $c6 $c7"
                + " (i32.and (i32.shr_u (local.get $acc) (i32.const 7)) (i32.const 7))))\n");
        // Each arm follows the end of its block; the last one's parenthesis closes $tail.
        for (int k = 7; k >= 0; k--) {
            cases.append(arm(k, divides && k == 5)).append("(br $tail))\n");
        }
        return """
                (module
                  (func (export "run") (param $n i32) (result i32) (local $acc i32)
                    (local.set $acc (i32.const 12345))
                    (loop $next
                      (block $tail
                        CASES
                      ;; The shared tail, with a value on the stack across a call-free expression.
                      (local.set $acc (i32.add (local.get $acc) (i32.mul (local.get $n) (local.get $n))))
                      (br_if $next (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
                    (local.get $acc)))
                """.replace("CASES", cases);
    }

    private static long[] run(boolean divides, EngineConfig config, int n) {
        Instance inst = new Store(config).instantiate(Wasm.load(Wabt.wat(module(divides))), ImportResolver.NONE);
        return inst.invoke("run", n);
    }

    private static EngineConfig compiled(int budget) {
        return EngineConfig.DEFAULT.withTier(Tier.COMPILED).withChunkBudget(budget);
    }

    @ParameterizedTest(name = "budget {0}")
    @ValueSource(ints = {64, 200, 700, 2000, 7600})
    void theLoopComputesTheInterpretersResultBothWays(int budget) {
        long[] expected = run(false, EngineConfig.DEFAULT, 3000);
        assertArrayEquals(expected, run(false, compiled(budget), 3000));
        System.setProperty(SWITCH, "false");
        assertArrayEquals(expected, run(false, compiled(budget), 3000));
    }

    @ParameterizedTest(name = "budget {0}")
    @ValueSource(ints = {64, 200, 700, 2000})
    void aDivisionByZeroDeepInAnExpressionHasTheInterpretersFrame(int budget) {
        // Case 5 runs at some n with n & 5 == 0 long before n reaches 0 (the interpreter's trap is checked).
        Trap interpreted = assertThrows(Trap.class, () -> run(true, EngineConfig.DEFAULT, 3000));
        assertEquals(TrapKind.INTEGER_DIVIDE_BY_ZERO, interpreted.kind());
        assertSameTrap(interpreted, assertThrows(Trap.class, () -> run(true, compiled(budget), 3000)));
    }

    /** Value-stack loads and stores in the chunk methods of {@code run} compiled moving live slots only. */
    private static int[] moves(boolean divides, int budget) {
        WasmModule m = Wasm.load(Wabt.wat(module(divides)));
        CompiledClass cc = JvmCompiler.compile(new ModuleContext(m), 0, budget, "dev/trapdoor/engine/exec/Jit$D",
                false, true);
        assertTrue(cc.chunkCount() > 3, "several chunks at " + budget + " bytes, got " + cc.chunkCount());
        int[] counts = new int[2];
        for (byte[] bytes : cc.classes()) {
            new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String d, String s, String[] e) {
                    return !name.matches("c\\d+") ? null : new MethodVisitor(Opcodes.ASM9) {
                        @Override
                        public void visitInsn(int opcode) {
                            counts[0] += opcode == LALOAD ? 1 : 0;
                            counts[1] += opcode == LASTORE ? 1 : 0;
                        }
                    };
                }
            }, 0);
        }
        return counts;
    }

    private static final int LALOAD = Opcodes.LALOAD;
    private static final int LASTORE = Opcodes.LASTORE;

    /**
     * With no trap site a chunk has no trap copy, so a slot left out of its exits is not stored at all; its entries
     * set such slots to zero instead of loading them.
     */
    @Test
    void crossingsMoveFewerSlotsUnlessSwitchedOff() {
        int[] on = moves(false, 700);
        System.setProperty(SWITCH, "false");
        int[] off = moves(false, 700);
        assertTrue(on[0] < off[0], "loads " + on[0] + " against " + off[0]);
        assertTrue(on[1] < off[1], "stores " + on[1] + " against " + off[1]);
    }
}
