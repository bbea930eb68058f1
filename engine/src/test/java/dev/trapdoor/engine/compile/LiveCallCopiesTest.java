package dev.trapdoor.engine.compile;

import dev.trapdoor.engine.exec.EngineConfig;
import dev.trapdoor.engine.exec.Tier;
import dev.trapdoor.engine.testing.ClassFiles;
import dev.trapdoor.engine.testing.Switches;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The trap copy of a chunk compiled with liveness stores, besides its exits' slots, only those live after one of its
 * calls ({@code LiveCallCopies}, {@code -Dtrapdoor.jit.liveCallCopies}); with the slots only it stores kept apart from
 * the exits' block ({@code TrapCopyApart}). In clang -O0's loop shape ({@link O0Shape}) the 40 temporaries, dead
 * after the loop's call, are no longer stored; a debugger's code still stores every one; results, traps and a Wasm
 * exception through the call stay the interpreter's with either switch off.
 */
class LiveCallCopiesTest {
    private static final String SWITCH = LiveCallCopies.SWITCH;

    @RegisterExtension
    final Switches switches = Switches.kept(SWITCH, TrapCopyApart.SWITCH);

    /** Stores into a long[] (the value stack or a trap's copy of it) in f's first chunk. */
    private static int arrayStores(boolean liveOnly) throws IOException {
        CompiledClass cc = O0Shape.compile(7600, liveOnly);
        assertEquals(1, cc.chunkCount(), "f fits one chunk");
        return ClassFiles.count(new ByteArrayInputStream(cc.classes()[0]), "c0", LASTORE);
    }

    private static final int LASTORE = 0x50;

    @Test
    void theTemporariesDeadAfterTheCallAreNotCopied() throws IOException {
        int on = arrayStores(true);
        int debugged = arrayStores(false);
        System.setProperty(SWITCH, "false");
        int off = arrayStores(true);
        assertTrue(on + O0Shape.TEMPORARIES <= off, on + " stores with the switch, " + off + " without");
        assertTrue(debugged >= off, "a debugger's code stores every slot: " + debugged + " against " + off);
    }

    @Test
    void resultsTrapsAndExceptionsAreTheInterpretersEitherWay() {
        for (String[] values : new String[][]{{"true", "true"}, {"false", "true"}, {"true", "false"}}) {
            System.setProperty(SWITCH, values[0]);
            System.setProperty(TrapCopyApart.SWITCH, values[1]);
            String label = String.join(" ", values);
            O0Shape.assertSameAsTheInterpreter(EngineConfig.DEFAULT.withTier(Tier.COMPILED), label);
            O0Shape.assertSameAsTheInterpreter(EngineConfig.DEFAULT.withTier(Tier.COMPILED).withChunkBudget(200),
                    label + " small");
            O0Shape.assertSameAsTheInterpreter(EngineConfig.DEFAULT.withTier(Tier.COMPILED).withChunkBudget(64),
                    label + " tiny");
        }
    }
}
