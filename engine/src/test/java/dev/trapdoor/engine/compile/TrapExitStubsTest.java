package dev.trapdoor.engine.compile;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.exec.EngineConfig;
import dev.trapdoor.engine.exec.ImportResolver;
import dev.trapdoor.engine.exec.Store;
import dev.trapdoor.engine.exec.Tier;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.testing.ClassFiles;
import dev.trapdoor.engine.testing.SeenFrame;
import dev.trapdoor.engine.testing.Switches;
import dev.trapdoor.engine.testing.Wabt;
import dev.trapdoor.engine.trap.Trap;
import dev.trapdoor.engine.validate.ModuleContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Trap handlers that zero the operand slots above their site's top ({@code Sites}, {@code trapdoor.jit.trapExitStubs}):
 * with them on and off, matmul-O2's loop shape (two running addresses, loads and stores at several heights, an
 * accumulator in a local) returns the interpreter's results, traps with its trap field by field, and shows a debugger
 * the interpreter's locals and operands at the trap.
 */
class TrapExitStubsTest {
    private static final String PROPERTY = "trapdoor.jit.trapExitStubs";

    /**
     * {@code f(n)}: {@code n / 2} iterations of {@code c[p] += acc * b[q]; c[p + 8] += b[q + 8]}, p and q stepping by
     * 16 from 0 and 4096; from n = 7,680 on, the load of {@code b[q]} runs past the one page with operands under it.
     */
    private static final String MODULE = """
            (module
              (memory 1)
              (data (i32.const 4096) "\\01\\02\\03\\04\\05\\06\\07\\08\\09\\0a\\0b\\0c\\0d\\0e\\0f\\10\\11")
              (func (export "f") (param $n i32) (result i32)
                (local $i i32) (local $p i32) (local $q i32) (local $acc f64)
                (local.set $q (i32.const 4096))
                (loop $l
                  (f64.store (local.get $p)
                    (f64.add (f64.load (local.get $p)) (f64.mul (local.get $acc) (f64.load (local.get $q)))))
                  (f64.store offset=8 (local.get $p)
                    (f64.add (f64.load offset=8 (local.get $p)) (f64.load (i32.add (local.get $q) (i32.const 8)))))
                  (local.set $acc (f64.add (local.get $acc) (f64.const 1.5)))
                  (local.set $p (i32.add (local.get $p) (i32.const 16)))
                  (local.set $q (i32.add (local.get $q) (i32.const 16)))
                  (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 2))) (local.get $n))))
                (i32.xor (i32.wrap_i64 (i64.load (i32.const 4096)))
                  (i32.xor (i32.wrap_i64 (i64.load (i32.const 4100))) (i32.trunc_f64_s (local.get $acc))))))""";

    @RegisterExtension
    final Switches switches = Switches.kept(PROPERTY).set("trapdoor.jit.throwingTraps", "false");

    @Test
    void resultsAndTrapsAreTheInterpretersEitherWay() {
        SwitchedParity.assertSameAsTheInterpreter(Wabt.wat(MODULE), PROPERTY, new String[]{"true", "false"},
                new int[]{2, 10, 256, 7000}, 10_000);
    }

    @Test
    void aDebuggerSeesTheInterpretersFrameAtTheTrapEitherWay() {
        List<SeenFrame> interpreted = framesAtTrap(EngineConfig.DEFAULT.withTier(Tier.INTERPRETER));
        assertEquals(1, interpreted.size());
        // The load of b[q] has p, c[p] and acc under its address.
        assertEquals(4, interpreted.get(0).operands().size(), "operands at the trap");
        for (String value : new String[]{"true", "false"}) {
            System.setProperty(PROPERTY, value);
            for (EngineConfig config : new EngineConfig[]{EngineConfig.DEFAULT.withTier(Tier.COMPILED),
                    EngineConfig.DEFAULT.withTier(Tier.COMPILED).withChunkBudget(64)}) {
                assertEquals(interpreted, framesAtTrap(config), value);
            }
        }
    }

    @Test
    void theStubsAreThereOnlyWhenSwitchedOn() throws IOException {
        WasmModule module = Wasm.load(Wabt.wat(MODULE));
        System.setProperty(PROPERTY, "true");
        int on = ClassFiles.count(new ByteArrayInputStream(JvmCompiler.compile(new ModuleContext(module), 0, 7600,
                "dev/trapdoor/engine/exec/Jit$S", false, true).classes()[0]), "c0", LCONST_0);
        System.setProperty(PROPERTY, "false");
        int off = ClassFiles.count(new ByteArrayInputStream(JvmCompiler.compile(new ModuleContext(module), 0, 7600,
                "dev/trapdoor/engine/exec/Jit$T", false, true).classes()[0]), "c0", LCONST_0);
        assertTrue(on > off, "lconst_0 in c0: " + on + " with the stubs, " + off + " without");
    }

    private static final int LCONST_0 = 0x09;

    private static List<SeenFrame> framesAtTrap(EngineConfig config) {
        Store store = new Store(config);
        List<SeenFrame> seen = SeenFrame.atTraps(store.debugger());
        var instance = store.instantiate(Wasm.load(Wabt.wat(MODULE)), ImportResolver.NONE);
        assertThrows(Trap.class, () -> instance.invoke("f", 10_000));
        return seen;
    }
}
