package dev.trapdoor.engine.compile;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.exec.EngineConfig;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.testing.Switches;
import dev.trapdoor.engine.testing.Wabt;
import dev.trapdoor.engine.validate.ModuleContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A function in -O0's shape (every value through a local of its own, inside a loop) gets chunks of at most about
 * {@link SlotBudget#DEFAULT_LIMIT} JVM local words with the switch on, which C1's linear scan handles; off (the
 * default) a chunk of it holds hundreds; a loop is never cut by it; results and traps equal the interpreter's either
 * way.
 */
class SlotBudgetTest {
    @RegisterExtension
    final Switches switches = Switches.kept(SlotBudget.SWITCH);

    /**
     * {@code n} fresh locals, each set from the two before it (straight code, as -O0 code between its loops), inside a
     * loop that runs {@code (param 0) & 7} more times when {@code loop}; then a store past memory's end when the
     * parameter asks for it, and the last local.
     */
    private static String manyLocals(int n, boolean loop) {
        StringBuilder b = new StringBuilder(
                "(module (memory 1) (func (export \"f\") (param i32) (result i32) (local i32)");
        for (int k = 0; k < n; k++) {
            b.append(" (local i32)");
        }
        b.append("\n(local.set 1 (i32.add (i32.and (local.get 0) (i32.const 7)) (i32.const 1)))\n")
                .append("(local.set 2 (local.get 0))\n")
                .append("(local.set 3 (i32.const 1))\n").append(loop ? "(loop $l\n" : "");
        for (int k = 4; k < n + 2; k++) {
            b.append("(local.set ").append(k).append(" (i32.add (i32.xor (local.get ").append(k - 1)
                    .append(") (i32.const ").append(k * 7919).append(")) (i32.rotl (local.get ").append(k - 2)
                    .append(") (i32.const ").append(k % 31 + 1).append(")))) ");
            if (k % 8 == 0) {
                b.append("\n");
            }
        }
        b.append("(local.set 2 (local.get ").append(n + 1).append(")) (local.set 3 (local.get ").append(n)
                .append("))\n")
                .append(loop ? "(br_if $l (local.tee 1 (i32.sub (local.get 1) (i32.const 1)))))\n" : "")
                .append("(if (i32.eq (local.get 0) (i32.const 65534))")
                .append(" (then (i32.store (local.get 0) (local.get 2))))\n")
                .append("(local.get ").append(n + 1).append(")))");
        return b.toString();
    }

    /** Max locals (JVM words) of each chunk method, by name. */
    private static Map<String, Integer> chunkLocals(CompiledClass cc) {
        Map<String, Integer> locals = new TreeMap<>();
        for (byte[] bytes : cc.classes()) {
            new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] ex) {
                    if (!name.matches("c[0-9]+")) {
                        return null;
                    }
                    return new MethodVisitor(Opcodes.ASM9) {
                        @Override
                        public void visitMaxs(int maxStack, int maxLocals) {
                            locals.put(name, maxLocals);
                        }
                    };
                }
            }, 0);
        }
        return locals;
    }

    private static CompiledClass compile(String wat) {
        WasmModule m = Wasm.load(Wabt.wat(wat));
        return JvmCompiler.compile(new ModuleContext(m), 0, EngineConfig.DEFAULT_CHUNK_BUDGET,
                "dev/trapdoor/engine/exec/Jit$S");
    }

    @Test
    void chunksOfAFunctionWithManyLiveLocalsStayUnderTheLimit() {
        String wat = manyLocals(160, false);
        Map<String, Integer> off = chunkLocals(compile(wat));
        System.setProperty(SlotBudget.SWITCH, "true");
        Map<String, Integer> on = chunkLocals(compile(wat));
        assertTrue(off.values().stream().anyMatch(words -> words > 300), "off: " + off);
        assertTrue(on.size() > off.size(), "on: " + on + ", off: " + off);
        for (int words : on.values()) {
            // Cut before the instruction that reaches the limit: that instruction and the exits' temporaries add a few.
            assertTrue(words <= SlotBudget.DEFAULT_LIMIT + 16, "on: " + on);
        }
    }

    @Test
    void aSmallFunctionKeepsItsOneChunk() {
        String wat = manyLocals(40, false);
        Map<String, Integer> off = chunkLocals(compile(wat));
        System.setProperty(SlotBudget.SWITCH, "true");
        Map<String, Integer> on = chunkLocals(compile(wat));
        assertEquals(off, on);
        assertEquals(1, on.size(), "on: " + on);
    }

    @Test
    void aLoopIsNotCut() {
        String wat = manyLocals(160, true);
        Map<String, Integer> off = chunkLocals(compile(wat));
        System.setProperty(SlotBudget.SWITCH, "true");
        assertEquals(off, chunkLocals(compile(wat)));
    }

    @Test
    void aNumberSetsTheLimit() {
        System.setProperty(SlotBudget.SWITCH, "64");
        Map<String, Integer> small = chunkLocals(compile(manyLocals(160, false)));
        System.setProperty(SlotBudget.SWITCH, "true");
        assertTrue(small.size() > chunkLocals(compile(manyLocals(160, false))).size(), "64: " + small);
    }

    @Test
    void resultsAndTrapsEqualTheInterpretersWithTheSwitchOnAndOff() {
        for (boolean loop : new boolean[]{false, true}) {
            compareWithTheInterpreter(Wabt.wat(manyLocals(160, loop)));
        }
    }

    private static void compareWithTheInterpreter(byte[] wasm) {
        // 65534 is past memory's end for a 4-byte store: the same trap in both tiers.
        SwitchedParity.assertSameAsTheInterpreter(wasm, SlotBudget.SWITCH, new String[]{"true", "false", "40"},
                new int[]{0, 1, 7, 0x5554, -3}, 65534);
    }
}
