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
import dev.trapdoor.engine.validate.ModuleContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;
import java.util.Set;

import static dev.trapdoor.engine.testing.SameTrap.assertSameTrap;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ReducibleCopies}: with header copies, the tail shape and whole copies on, a register VM's case chunks are
 * loops (header copy, cases, tail copy) entered at several cases each; their entry switch now enters each such loop
 * only at its header copy, so no chunk method has a cycle entered elsewhere. Switched off, the switch jumps into the
 * cases and the loops are irreducible. Results and traps equal the interpreter's either way.
 */
class ReducibleCopiesTest {
    private static final String SWITCH = "trapdoor.jit.reducibleCopies";
    private static final int TAIL_MARK = 23130;
    private static final int MIXES = 60;

    /**
     * Sixteen cases of {@code mixes} steps each, picked by the opcode at $pc + $base (past memory's end when $base is
     * large); opcode 2 (at $pc 8) divides by the byte at 16 + $pc (zero at $pc 8); the tail stores at $dst (past
     * memory's end once $n drops below 20 when $dst is 65612) and ends in the step counter's back-edge.
     */
    static String module(int mixes) {
        StringBuilder cases = new StringBuilder();
        StringBuilder labels = new StringBuilder();
        StringBuilder opens = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            opens.append("(block $c").append(i).append(' ');
            labels.append(" $c").append(i);
        }
        for (int i = 0; i < 16; i++) {
            cases.append(")\n");
            if (i == 13) {
                cases.append("(local.set $acc (i32.div_u (local.get $acc) (i32.load8_u offset=16 (local.get $pc))))\n");
            }
            cases.append("(local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 31)) (i32.const ")
                    .append(i * 7 + 3).append(")))\n");
            cases.append("(local.set $acc (i32.xor (i32.shl (local.get $acc) (i32.const 3)) (local.get $pc)))\n"
                    .repeat(mixes));
            cases.append("(local.set $pc (i32.and (i32.add (local.get $pc) (i32.const ").append(i + 1)
                    .append(")) (i32.const 15)))\n");
            cases.append("(br $join)\n");
        }
        return """
                (module
                  (memory 1)
                  (data (i32.const 0) "\\03\\0d\\07\\01\\0f\\00\\0b\\05\\02\\0e\\08\\04\\0c\\06\\0a\\09")
                  (data (i32.const 16) "\\01\\02\\03\\04\\05\\06\\07\\08\\00\\0a\\0b\\0c\\0d\\0e\\0f\\10")
                  (func $run (param $pc i32) (param $n i32) (param $dst i32) (param $base i32) (result i32)
                    (local $acc i32) (local $sum i32)
                    (loop $next
                      (local.set $sum (i32.add (local.get $sum) (i32.const 5921370)))
                      (block $join
                        OPENS
                          (br_table LABELS
                            (i32.and (i32.load8_u (i32.add (local.get $base) (local.get $pc))) (i32.const 15)))
                        CASES)
                      (i32.store (i32.sub (local.get $dst) (i32.shl (local.get $n) (i32.const 2)))
                        (i32.xor (local.get $acc) (local.get $pc)))
                      (block $skip
                        (br_if $skip (i32.and (local.get $acc) (i32.const 1)))
                        (local.set $sum (i32.add (local.get $sum)
                          (select (local.get $acc) (i32.const 7) (i32.and (local.get $pc) (i32.const 2))))))
                      (local.set $acc (i32.xor (local.get $acc) (i32.const TAIL_MARK)))
                      (br_if $next (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
                    (i32.add (local.get $acc) (local.get $sum)))
                  (func (export "outer") (param i32 i32 i32 i32) (result i32)
                    (i32.add (i32.const 1) (call $run (local.get 0) (local.get 1) (local.get 2) (local.get 3)))))
                """.replace("OPENS", opens).replace("LABELS", labels).replace("CASES", cases)
                .replace("TAIL_MARK", Integer.toString(TAIL_MARK));
    }

    @RegisterExtension
    final Switches switches = Switches.kept(SWITCH).set("trapdoor.jit.headerCopies", "true")
            .set("trapdoor.jit.tailBranches", "true");

    private static CompiledClass compile(WasmModule m, int budget) {
        return JvmCompiler.compile(new ModuleContext(m), 0, budget, "dev/trapdoor/engine/exec/Jit$R");
    }

    @ParameterizedTest(name = "budget {0}")
    @ValueSource(ints = {2400, 2800})
    void theCaseChunksLoopsAreEnteredOnlyAtTheirHeaderCopyUnlessSwitchedOff(int budget) {
        WasmModule m = Wasm.load(Wabt.wat(module(MIXES)));
        CompiledClass cc = compile(m, budget);
        Set<String> loops = ChunkMarks.chunksPushing(cc, TAIL_MARK);
        assertTrue(loops.size() > 2, "chunks holding the tail: " + loops + " of " + cc.chunkCount());
        Map<String, Integer> edges = LoopShapes.irreducibleEdges(cc);
        assertTrue(edges.values().stream().allMatch(n -> n == 0), "irreducible edges by chunk: " + edges);
        System.setProperty(SWITCH, "false");
        Map<String, Integer> off = LoopShapes.irreducibleEdges(compile(m, budget));
        assertTrue(off.values().stream().filter(n -> n > 0).count() > 2, "switched off: " + off);
    }

    private static Instance instance(EngineConfig config) {
        return new Store(config).instantiate(Wasm.load(Wabt.wat(module(MIXES))), ImportResolver.NONE);
    }

    @ParameterizedTest(name = "budget {0}")
    @ValueSource(ints = {64, 300, 1200, 2400, 7600})
    void resultsAndTrapsEqualTheInterpretersWithTheSwitchOnAndOff(int budget) {
        EngineConfig compiled = EngineConfig.DEFAULT.withTier(Tier.COMPILED).withChunkBudget(budget);
        // {pc, n, dst, base}: results; a division by zero in a case; a store past memory's end in the tail; the
        // header's load past memory's end at the second step.
        // {pc, n, dst, base}: runs that may reach $pc 8 or not; a store past memory's end in the tail; a division by
        // zero at the first step; the header's load past memory's end at the first step.
        long[][] cases = {{0, 50, 1024 + 4 * 50, 0}, {5, 37, 4096, 0}, {0, 300, 4096, 0}, {0, 40, 65532 + 80, 0},
                {8, 40, 4096, 0}, {8, 40, 4096, 65530}};
        int traps = 0;
        for (String on : new String[]{"true", "false"}) {
            System.setProperty(SWITCH, on);
            for (long[] args : cases) {
                Trap interpreted = null;
                long[] expected = null;
                try {
                    expected = instance(EngineConfig.DEFAULT).invoke("outer", args);
                } catch (Trap t) {
                    interpreted = t;
                }
                if (interpreted == null) {
                    assertArrayEquals(expected, instance(compiled).invoke("outer", args), on);
                } else {
                    Trap inCompiled = assertThrows(Trap.class, () -> instance(compiled).invoke("outer", args));
                    assertSameTrap(interpreted, inCompiled);
                    traps++;
                }
            }
        }
        assertTrue(traps >= 6, "traps: " + traps);
    }
}
