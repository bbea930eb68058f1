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
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import static dev.trapdoor.engine.testing.SameTrap.assertSameTrap;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A register VM's loop of many chunks, whose cases read memory and whose shared tail stores to it: with
 * {@link DenseEntries} the chunks hand each other dense numbers (tableswitches in the chunk loop and in each chunk),
 * and with constant reloads ({@link Emit#reloadStack}, {@link Emit#reloadMemory}) their entries read the value stack
 * and memory 0 through the class's own constants. Results and traps (a store past memory's end in the tail) equal
 * the interpreter's with each switched on and off.
 */
// A misnumbered exit sends a frame round the chunk loop for ever: fail instead of hanging.
@Timeout(300)
class DenseEntriesTest {
    private static final String DENSE = "trapdoor.jit.denseEntries";
    private static final String RELOADS = "trapdoor.jit.constantReloads";

    @RegisterExtension
    final Switches switches = Switches.kept().set(DENSE, null).set(RELOADS, null);

    private static String arm(int k) {
        return ("(local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const " + (2 * k + 3) + "))"
                + " (i32.load (i32.and (i32.add (local.get $acc) (i32.const " + k + ")) (i32.const 0xfffc)))))\n")
                .repeat(5);
    }

    /** {@code run(n, mask)}: n steps over eight cases picked by acc; the tail stores acc at {@code p & mask}. */
    private static String module() {
        StringBuilder cases = new StringBuilder("(block $c0 (block $c1 (block $c2 (block $c3 (block $c4 (block $c5"
                + " (block $c6 (block $c7\n (br_table $c0 $c1 $c2 $c3 $c4 $c5 $c6 $c7"
                + " (i32.and (i32.shr_u (local.get $acc) (i32.const 7)) (i32.const 7))))\n");
        for (int k = 7; k >= 0; k--) {
            cases.append(arm(k)).append("(br $tail))\n");
        }
        return """
                (module
                  (memory 1)
                  (func (export "run") (param $n i32) (param $mask i32) (result i32) (local $acc i32) (local $p i32)
                    (local.set $acc (i32.const 12345))
                    (loop $next
                      (block $tail
                        CASES
                      (i32.store (i32.and (local.get $p) (local.get $mask)) (local.get $acc))
                      (local.set $p (i32.add (local.get $p) (i32.const 4)))
                      (br_if $next (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
                    (i32.add (local.get $acc) (i32.load (i32.const 8)))))
                """.replace("CASES", cases);
    }

    private static long[] run(EngineConfig config, int n, int mask) {
        Instance inst = new Store(config).instantiate(Wasm.load(Wabt.wat(module())), ImportResolver.NONE);
        return inst.invoke("run", n, mask);
    }

    private static EngineConfig compiled(int budget) {
        return EngineConfig.DEFAULT.withTier(Tier.COMPILED).withChunkBudget(budget);
    }

    private static final EngineConfig INTERPRETED = EngineConfig.DEFAULT.withTier(Tier.INTERPRETER);

    @ParameterizedTest(name = "budget {0}")
    @ValueSource(ints = {64, 300, 2000, 7600})
    void theLoopComputesTheInterpretersResultEveryWay(int budget) {
        long[] expected = run(INTERPRETED, 3000, 0xfffc);
        assertArrayEquals(expected, run(compiled(budget), 3000, 0xfffc));
        System.setProperty(DENSE, "false");
        assertArrayEquals(expected, run(compiled(budget), 3000, 0xfffc));
        System.setProperty(RELOADS, "false");
        assertArrayEquals(expected, run(compiled(budget), 3000, 0xfffc));
        System.clearProperty(DENSE);
        assertArrayEquals(expected, run(compiled(budget), 3000, 0xfffc));
    }

    @ParameterizedTest(name = "budget {0}")
    @ValueSource(ints = {64, 700, 7600})
    void aStorePastMemorysEndHasTheInterpretersFrameBothWays(int budget) {
        // p reaches 65,536 at step 16,384: the tail's store traps there.
        Trap interpreted = assertThrows(Trap.class, () -> run(INTERPRETED, 20000, -1));
        assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS, interpreted.kind());
        assertSameTrap(interpreted, assertThrows(Trap.class, () -> run(compiled(budget), 20000, -1)));
        System.setProperty(DENSE, "false");
        System.setProperty(RELOADS, "false");
        assertSameTrap(interpreted, assertThrows(Trap.class, () -> run(compiled(budget), 20000, -1)));
    }

    /** Per method of {@code run}'s classes: switch opcodes and {@code JitContext} field reads, by name. */
    private static Map<String, int[]> shapes(CompiledClass cc) {
        Map<String, int[]> shapes = new HashMap<>();
        for (byte[] bytes : cc.classes()) {
            new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String d, String s, String[] e) {
                    int[] counts = new int[3];
                    shapes.put(name, counts);
                    return new MethodVisitor(Opcodes.ASM9) {
                        @Override
                        public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
                            counts[0]++;
                        }

                        @Override
                        public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
                            counts[1]++;
                        }

                        @Override
                        public void visitFieldInsn(int opcode, String owner, String field, String desc) {
                            boolean viaContext = owner.endsWith("/JitContext")
                                    && (field.equals("in") || field.equals("mem0"));
                            counts[2] += viaContext ? 1 : 0;
                        }
                    };
                }
            }, 0);
        }
        return shapes;
    }

    private static CompiledClass compile(int budget) {
        WasmModule m = Wasm.load(Wabt.wat(module()));
        CompiledClass cc = JvmCompiler.compile(new ModuleContext(m), 0, budget, "dev/trapdoor/engine/exec/Jit$E",
                false, true);
        assertTrue(cc.chunkCount() > 3, "several chunks at " + budget + " bytes, got " + cc.chunkCount());
        return cc;
    }

    @Test
    void chunksSwitchOnDenseNumbersUnlessSwitchedOff() {
        CompiledClass on = compile(700);
        assertNotNull(on.denseIds());
        // Every entry has a number, and the number's chunk is the entry's.
        for (int i = 0; i < on.entryIds().length; i++) {
            int n = Arrays.stream(on.denseIds()).boxed().toList().indexOf(on.entryIds()[i]);
            assertTrue(n > 0, "entry " + on.entryIds()[i] + " has no number");
            assertEquals(on.entryChunks()[i], on.denseChunks()[n]);
        }
        Map<String, int[]> dense = shapes(on);
        // The chunk loop and every chunk with entries: tableswitches only (the br_table is one as well).
        assertEquals(0, dense.get("run")[1]);
        assertTrue(dense.get("run")[0] > 0);
        dense.forEach((name, counts) -> {
            if (name.matches("c\\d+")) {
                assertEquals(0, counts[1], name + " switches on sparse ids");
            }
        });
        System.setProperty(DENSE, "false");
        CompiledClass off = compile(700);
        assertNull(off.denseIds());
        Map<String, int[]> sparse = shapes(off);
        assertTrue(sparse.get("run")[1] > 0);
        assertTrue(sparse.get("c1")[1] > 0, "chunk 1's entry switch");
    }

    @Test
    void entriesReadTheValueStackAndMemoryThroughConstantsUnlessSwitchedOff() {
        int[] reads = new int[2];
        for (int way = 0; way < 2; way++) {
            if (way == 1) {
                System.setProperty(RELOADS, "false");
            }
            for (Map.Entry<String, int[]> m : shapes(compile(700)).entrySet()) {
                reads[way] += m.getKey().matches("c\\d+") ? m.getValue()[2] : 0;
            }
        }
        assertEquals(0, reads[0], "reads of CTX.in and CTX.mem0 in the chunks");
        assertTrue(reads[1] > 0, "reads of CTX.in and CTX.mem0 with the switch off: " + reads[1]);
    }
}
