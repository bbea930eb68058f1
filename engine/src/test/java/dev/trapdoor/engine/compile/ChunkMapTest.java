package dev.trapdoor.engine.compile;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.exec.EngineConfig;
import dev.trapdoor.engine.exec.ImportResolver;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.exec.Store;
import dev.trapdoor.engine.exec.Tier;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.testing.Wabt;
import dev.trapdoor.engine.trap.Trap;
import dev.trapdoor.engine.trap.TrapKind;
import dev.trapdoor.engine.validate.ModuleContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.util.concurrent.atomic.AtomicBoolean;

import static dev.trapdoor.engine.testing.SameTrap.assertSameTrap;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A VM loop of forty cases in many chunks, whose chunk loop maps entry ids to chunks through an array
 * ({@link ChunkMap}): results and traps equal the interpreter's with the map and without it
 * ({@code -Dtrapdoor.jit.chunkMap=false}), and the loop reads the map only when switched on.
 */
class ChunkMapTest {
    private static final int CASES = 40;

    @AfterEach
    void switchBack() {
        System.clearProperty(ChunkMap.SWITCH);
    }

    /**
     * {@code run(pc, n)}: n steps over a program in memory, each dispatching on its byte; case 39 divides by the
     * next byte (a zero there traps in a case's chunk).
     */
    private static String module() {
        StringBuilder blocks = new StringBuilder();
        StringBuilder table = new StringBuilder();
        for (int i = 0; i < CASES; i++) {
            blocks.append("(block $c").append(i).append(' ');
            table.append("$c").append(i).append(' ');
        }
        StringBuilder cases = new StringBuilder();
        for (int i = 0; i < CASES; i++) {
            cases.append(")\n");
            String body = i == CASES - 1
                    ? "(local.set $acc (i32.div_u (local.get $acc) (i32.load8_u offset=1 (local.get $pc))))"
                    : ("(local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const " + (31 + 2 * i)
                    + ")) (i32.xor (local.get $pc) (i32.const " + i + "))))\n").repeat(6);
            cases.append(body).append("(br $join)\n");
        }
        return """
                (module
                  (memory 1)
                  (data (i32.const 64) "\\27\\00")
                  (func $run (export "run") (param $pc i32) (param $n i32) (result i32) (local $acc i32)
                    (local.set $acc (i32.const 7))
                    (loop $next
                      (block $join
                        BLOCKS
                          (br_table TABLE $c0 (i32.rem_u (i32.load8_u (local.get $pc)) (i32.const CASES)))
                        CASES_CODE)
                      (local.set $pc (i32.and (i32.add (local.get $pc) (i32.const 1)) (i32.const 63)))
                      (br_if $next (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
                    (local.get $acc))
                  (func (export "fill")
                    (local $i i32) (local $s i32)
                    (loop $l
                      (local.set $s (i32.add (i32.mul (local.get $s) (i32.const 1103515245)) (i32.const 12345)))
                      (i32.store8 (local.get $i) (i32.rem_u (i32.shr_u (local.get $s) (i32.const 16))
                                                            (i32.const 39)))
                      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 64))))))
                """.replace("BLOCKS", blocks).replace("TABLE", table).replace("CASES_CODE", cases)
                .replace("CASES", Integer.toString(CASES));
    }

    private static final String MODULE = module();

    private static Instance instance(EngineConfig config) {
        Instance i = new Store(config).instantiate(Wasm.load(Wabt.wat(MODULE)), ImportResolver.NONE);
        i.invoke("fill");
        return i;
    }

    private static EngineConfig compiled(int budget) {
        return EngineConfig.DEFAULT.withTier(Tier.COMPILED).withChunkBudget(budget);
    }

    @ParameterizedTest(name = "budget {0}")
    @ValueSource(ints = {64, 300, 1000, 3000})
    void theLoopComputesTheInterpretersResultWithTheMapAndWithout(int budget) {
        long[] expected = instance(EngineConfig.DEFAULT).invoke("run", 0, 5000);
        assertArrayEquals(expected, instance(compiled(budget)).invoke("run", 0, 5000));
        System.setProperty(ChunkMap.SWITCH, "false");
        assertArrayEquals(expected, instance(compiled(budget)).invoke("run", 0, 5000));
    }

    @ParameterizedTest(name = "budget {0}")
    @ValueSource(ints = {64, 300, 1000})
    void aTrapInACaseHasTheInterpretersFrames(int budget) {
        Trap interpreted = assertThrows(Trap.class, () -> instance(EngineConfig.DEFAULT).invoke("run", 64, 3));
        assertEquals(TrapKind.INTEGER_DIVIDE_BY_ZERO, interpreted.kind());
        assertSameTrap(interpreted, assertThrows(Trap.class, () -> instance(compiled(budget)).invoke("run", 64, 3)));
    }

    private static boolean loopReadsTheMap(CompiledClass cc) {
        AtomicBoolean reads = new AtomicBoolean();
        new ClassReader(cc.classes()[0]).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String d, String s, String[] e) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitFieldInsn(int opcode, String owner, String field, String desc) {
                        if (name.equals("run") && field.equals("chunkMap")) {
                            reads.set(true);
                        }
                    }
                };
            }
        }, 0);
        return reads.get();
    }

    @Test
    void theChunkLoopReadsTheMapOnlyWhenSwitchedOn() {
        WasmModule m = Wasm.load(Wabt.wat(MODULE));
        CompiledClass cc = JvmCompiler.compile(new ModuleContext(m), 0, 1000, "dev/trapdoor/engine/exec/Jit$M");
        assertTrue(cc.entryIds().length >= ChunkMap.MIN_IDS, cc.entryIds().length + " entry ids");
        assertTrue(loopReadsTheMap(cc));
        byte[] map = ChunkMap.of(cc.entryIds(), cc.entryChunks(), cc.chunkCount());
        int[] ids = cc.entryIds();
        for (int i = 0; i < ids.length; i++) {
            assertEquals(cc.entryChunks()[i], map[ids[i] - ids[0]]);
        }
        assertEquals(map.length - ids.length, countNone(map), "every other byte is NONE");
        System.setProperty(ChunkMap.SWITCH, "false");
        assertFalse(loopReadsTheMap(JvmCompiler.compile(new ModuleContext(m), 0, 1000,
                "dev/trapdoor/engine/exec/Jit$M")));
    }

    private static int countNone(byte[] map) {
        int none = 0;
        for (byte b : map) {
            none += b == ChunkMap.NONE ? 1 : 0;
        }
        return none;
    }

    @Test
    void fewIdsAWideSpanOrOneChunkGetNoMap() {
        int[] few = new int[ChunkMap.MIN_IDS - 1];
        int[] many = new int[ChunkMap.MIN_IDS];
        int[] wide = new int[ChunkMap.MIN_IDS];
        for (int i = 0; i < many.length; i++) {
            many[i] = 100 + 3 * i;
            wide[i] = i * (ChunkMap.MAX_SPAN / (ChunkMap.MIN_IDS - 1) + 1);
        }
        for (int i = 0; i < few.length; i++) {
            few[i] = many[i];
        }
        int[] chunks = new int[many.length];
        assertNull(ChunkMap.of(few, chunks, 2));
        assertNull(ChunkMap.of(wide, chunks, 2));
        assertNull(ChunkMap.of(many, chunks, 1));
        assertNull(ChunkMap.of(many, chunks, ClassParts.CHUNKS_PER_CLASS + 1));
        assertEquals(many[many.length - 1] - many[0] + 1, ChunkMap.of(many, chunks, 2).length);
    }
}
