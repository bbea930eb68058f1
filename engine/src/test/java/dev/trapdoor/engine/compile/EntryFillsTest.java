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
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

import java.util.List;

import static dev.trapdoor.engine.testing.SameTrap.assertSameTrap;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A register VM's loop whose chunks are entered at places that read different slots (a case reads the registers and
 * its own temporaries, the shared tail the store's address and the step count, the code after the loop only the
 * accumulator): with {@link EntryFills} each entry loads what it reads after the entry switch, not what every entry
 * of its chunk reads. Results and traps (a store past memory's end in the tail, a division by zero in a case) equal
 * the interpreter's with the switch on and off.
 */
// A slot left unfilled can be a step counter: the loop then runs for ever. Fail instead of hanging.
@Timeout(120)
class EntryFillsTest {
    private static final String SWITCH = "trapdoor.jit.entryFills";

    @RegisterExtension
    final Switches switches = Switches.kept().set(SWITCH, null);

    /** Case k: a temporary written first, then read with a register; case 3 divides by {@code $d}. */
    private static String arm(int k) {
        String divisor = k == 3 ? "(local.get $d)" : "(i32.const " + (k + 1) + ")";
        return ("(local.set $t" + k + " (i32.load (i32.and (i32.add (local.get $acc) (i32.const " + k + "))"
                + " (i32.const 0xfffc))))\n"
                + "(local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const " + (2 * k + 3) + "))"
                + " (i32.div_u (i32.add (local.get $t" + k + ") (local.get $r" + (k % 3) + ")) " + divisor + ")))\n")
                .repeat(3);
    }

    /** {@code run(n, mask, d)}: n steps over six cases picked by acc; the tail stores acc at {@code p & mask}. */
    private static String module() {
        StringBuilder cases = new StringBuilder("(block $c0 (block $c1 (block $c2 (block $c3 (block $c4 (block $c5\n"
                + " (br_table $c0 $c1 $c2 $c3 $c4 $c5 $c5 $c5"
                + " (i32.and (i32.shr_u (local.get $acc) (i32.const 7)) (i32.const 7))))\n");
        StringBuilder locals = new StringBuilder();
        for (int k = 5; k >= 0; k--) {
            cases.append(arm(k)).append("(br $tail))\n");
            locals.append(" (local $t").append(k).append(" i32)");
        }
        return """
                (module
                  (memory 1)
                  (func (export "run") (param $n i32) (param $mask i32) (param $d i32) (result i32)
                    (local $acc i32) (local $p i32) (local $r0 i32) (local $r1 i32) (local $r2 i32) (local $sum i32)LOCALS
                    (local.set $acc (i32.const 12345))
                    (local.set $r0 (i32.const 7))
                    (local.set $r1 (i32.const 11))
                    (local.set $r2 (i32.const 13))
                    (loop $next
                      (block $tail
                        CASES
                      (i32.store (i32.and (local.get $p) (local.get $mask)) (local.get $acc))
                      (local.set $p (i32.add (local.get $p) (i32.const 4)))
                      (br_if $next (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
                    (local.set $sum (i32.const 0))
                    (local.set $p (i32.const 64))
                    (loop $sums
                      (local.set $p (i32.sub (local.get $p) (i32.const 4)))
                      (local.set $sum (i32.add (local.get $sum) (i32.load (local.get $p))))
                      (br_if $sums (local.get $p)))
                    (i32.add (local.get $acc) (local.get $sum))))
                """.replace("LOCALS", locals).replace("CASES", cases);
    }

    private static long[] run(EngineConfig config, int n, int mask, int d) {
        Instance inst = new Store(config).instantiate(Wasm.load(Wabt.wat(module())), ImportResolver.NONE);
        return inst.invoke("run", n, mask, d);
    }

    private static EngineConfig compiled(int budget) {
        return EngineConfig.DEFAULT.withTier(Tier.COMPILED).withChunkBudget(budget);
    }

    private static final EngineConfig INTERPRETED = EngineConfig.DEFAULT.withTier(Tier.INTERPRETER);

    @ParameterizedTest(name = "budget {0}")
    @ValueSource(ints = {64, 150, 300, 700, 2000, 7600})
    void theLoopComputesTheInterpretersResultBothWays(int budget) {
        long[] expected = run(INTERPRETED, 3000, 0xfffc, 5);
        assertArrayEquals(expected, run(compiled(budget), 3000, 0xfffc, 5));
        System.setProperty(SWITCH, "false");
        assertArrayEquals(expected, run(compiled(budget), 3000, 0xfffc, 5));
    }

    @ParameterizedTest(name = "budget {0}")
    @ValueSource(ints = {64, 300, 2000})
    void trapsHaveTheInterpretersFrameBothWays(int budget) {
        // p reaches 65,536 at step 16,384: the tail's store traps there.
        Trap pastEnd = assertThrows(Trap.class, () -> run(INTERPRETED, 20000, -1, 5));
        assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS, pastEnd.kind());
        Trap byZero = assertThrows(Trap.class, () -> run(INTERPRETED, 3000, 0xfffc, 0));
        assertEquals(TrapKind.INTEGER_DIVIDE_BY_ZERO, byZero.kind());
        for (int way = 0; way < 2; way++) {
            if (way == 1) {
                System.setProperty(SWITCH, "false");
            }
            assertSameTrap(pastEnd, assertThrows(Trap.class, () -> run(compiled(budget), 20000, -1, 5)));
            assertSameTrap(byZero, assertThrows(Trap.class, () -> run(compiled(budget), 3000, 0xfffc, 0)));
        }
    }

    /**
     * Value-stack loads ({@code LALOAD}) in the chunks' prologues: from the last read of the value stack before the
     * entry switch (an {@code ILOAD} of the entry number, then a switch) to the switch, plus each of its targets' run
     * of loads up to the first other instruction that is not a load's part.
     */
    private static int[] entryLoads(int budget) {
        WasmModule m = Wasm.load(Wabt.wat(module()));
        CompiledClass cc = JvmCompiler.compile(new ModuleContext(m), 0, budget, "dev/trapdoor/engine/exec/Jit$F",
                false, true);
        assertTrue(cc.chunkCount() > 3, "several chunks at " + budget + " bytes, got " + cc.chunkCount());
        int[] loads = new int[2];
        for (byte[] bytes : cc.classes()) {
            ClassNode node = new ClassNode();
            new ClassReader(bytes).accept(node, 0);
            for (MethodNode method : node.methods) {
                if (method.name.matches("c\\d+")) {
                    count(method, loads);
                }
            }
        }
        return loads;
    }

    /** Adds the prologue's loads before the entry switch to {@code loads[0]}, those in its stubs to {@code [1]}. */
    private static void count(MethodNode method, int[] loads) {
        AbstractInsnNode[] insns = method.instructions.toArray();
        for (int i = insns.length - 1; i > 0; i--) {
            boolean entrySwitch = (insns[i] instanceof TableSwitchInsnNode || insns[i] instanceof LookupSwitchInsnNode)
                    && insns[i - 1] instanceof VarInsnNode v && v.getOpcode() == Opcodes.ILOAD && v.var == Emit.ENTRY;
            if (!entrySwitch) {
                continue;
            }
            for (int j = i - 1; j >= 0 && !(insns[j] instanceof FieldInsnNode f && f.name.equals("stack")); j--) {
                loads[0] += insns[j].getOpcode() == Opcodes.LALOAD ? 1 : 0;
            }
            List<LabelNode> targets = insns[i] instanceof TableSwitchInsnNode t ? t.labels
                    : ((LookupSwitchInsnNode) insns[i]).labels;
            for (LabelNode target : targets) {
                for (AbstractInsnNode n = target.getNext(); n != null && n.getOpcode() != Opcodes.GOTO
                        && (n.getOpcode() < 0 || n.getOpcode() == Opcodes.ALOAD || n.getOpcode() == Opcodes.ILOAD
                        || n.getOpcode() == Opcodes.IADD || n.getOpcode() == Opcodes.LALOAD
                        || n.getOpcode() == Opcodes.L2I || n.getOpcode() == Opcodes.ISTORE
                        || n.getOpcode() == Opcodes.LSTORE || n.getOpcode() <= Opcodes.SIPUSH); n = n.getNext()) {
                    loads[1] += n.getOpcode() == Opcodes.LALOAD ? 1 : 0;
                }
            }
            return;
        }
    }

    @Test
    void entriesLoadOnlyWhatTheirCodeReadsUnlessSwitchedOff() {
        int[] on = entryLoads(700);
        System.setProperty(SWITCH, "false");
        int[] off = entryLoads(700);
        assertEquals(0, off[1], "loads after the entry switch, switched off");
        assertTrue(on[1] > 0, "loads in per-entry stubs: " + on[1]);
        assertTrue(on[0] < off[0], "loads before the switch: " + on[0] + " against " + off[0]);
    }
}
