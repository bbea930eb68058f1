package dev.trapdoor.engine.compile;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.exec.EngineConfig;
import dev.trapdoor.engine.exec.ImportResolver;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.exec.Store;
import dev.trapdoor.engine.exec.Tier;
import dev.trapdoor.engine.testing.ClassFiles;
import dev.trapdoor.engine.testing.SeenFrame;
import dev.trapdoor.engine.testing.Switches;
import dev.trapdoor.engine.trap.Trap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sites that can only trap, in code compiled with no debugger, get handlers that throw at once ({@code ThrowingTraps},
 * {@code -Dtrapdoor.jit.throwingTraps}): in clang -O0's loop shape ({@link O0Shape}) the chunk's memory accesses
 * share one throwing tail and copy no frame, the code counts as leaving values out (a debugger that attaches drops
 * it), and results, traps and what a debugger sees at a trap stay the interpreter's either way.
 */
class ThrowingTrapsTest {
    private static final String SWITCH = ThrowingTraps.SWITCH;

    @RegisterExtension
    final Switches switches = Switches.kept(SWITCH);

    private static int throwingTails(CompiledClass cc) throws IOException {
        return ClassFiles.countCalls(new ByteArrayInputStream(cc.classes()[0]), "c0", "ThrowingTrapsRt.thrown");
    }

    @Test
    void trapOnlySitesThrowWithoutADebuggerOnly() throws IOException {
        CompiledClass on = O0Shape.compile(7600, true);
        assertEquals(1, throwingTails(on), "one throwing tail for the chunk's accesses");
        assertTrue(on.bareOmits(), "a debugger that attaches must drop the code");
        CompiledClass debugged = O0Shape.compile(7600, false);
        assertEquals(0, throwingTails(debugged), "a debugger's code copies the frame");
        System.setProperty(SWITCH, "false");
        CompiledClass off = O0Shape.compile(7600, true);
        assertEquals(0, throwingTails(off));
    }

    @Test
    void resultsAndTrapsAreTheInterpretersEitherWay() {
        for (String value : new String[]{"true", "false"}) {
            System.setProperty(SWITCH, value);
            O0Shape.assertSameAsTheInterpreter(EngineConfig.DEFAULT.withTier(Tier.COMPILED), value);
            O0Shape.assertSameAsTheInterpreter(EngineConfig.DEFAULT.withTier(Tier.COMPILED).withChunkBudget(64),
                    value + " tiny");
        }
    }

    @Test
    void aDebuggerAttachingAfterCompilationSeesTheInterpretersFrameAtATrap() {
        List<SeenFrame> expected = framesAtTrap(EngineConfig.DEFAULT.withTier(Tier.INTERPRETER));
        assertEquals(1, expected.size());
        for (String value : new String[]{"true", "false"}) {
            System.setProperty(SWITCH, value);
            assertEquals(expected, framesAtTrap(EngineConfig.DEFAULT.withTier(Tier.COMPILED)), value);
        }
    }

    /** f runs compiled first, with no debugger; then one attaches and f traps out of bounds. */
    private static List<SeenFrame> framesAtTrap(EngineConfig config) {
        Store store = new Store(config);
        Instance instance = store.instantiate(Wasm.load(O0Shape.wasm()), ImportResolver.NONE);
        instance.invoke("f", 10);
        List<SeenFrame> seen = SeenFrame.atTraps(store.debugger());
        assertThrows(Trap.class, () -> instance.invoke("f", 1100));
        return seen;
    }
}
