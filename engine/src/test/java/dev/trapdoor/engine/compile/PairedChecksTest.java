package dev.trapdoor.engine.compile;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.exec.EngineConfig;
import dev.trapdoor.engine.exec.ImportResolver;
import dev.trapdoor.engine.exec.Store;
import dev.trapdoor.engine.exec.Tier;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.testing.DeepThread;
import dev.trapdoor.engine.testing.SameTrap;
import dev.trapdoor.engine.testing.Switches;
import dev.trapdoor.engine.testing.Wabt;
import dev.trapdoor.engine.trap.Trap;
import dev.trapdoor.engine.validate.ModuleContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One frame check per two levels ({@code -Dtrapdoor.jit.pairedChecks=true}): a self-recursive typed entry checks its
 * own frame and its self callees' together and calls an unchecked copy of itself. The call stack must still run out
 * at exactly the interpreter's depth and value-stack size, with the same kind, detail and frames, whether the depth
 * or the value stack ends it, and on either side of the value stack's first length.
 */
class PairedChecksTest {
    private static final String SWITCH = "trapdoor.jit.pairedChecks";

    /** fib's kernel shape (a loop around one self call), a trap at depth {@code $stop}, and a straight recursion. */
    private static final String MODULE = """
            (module
              (func $fib (param $n i32) (param $stop i32) (result i32) (local $acc i32)
                (if (i32.eqz (local.get $stop)) (then (drop (i32.div_u (i32.const 1) (i32.const 0)))))
                (block $done
                  (loop $next
                    (br_if $done (i32.lt_u (local.get $n) (i32.const 2)))
                    (local.set $acc (i32.add (local.get $acc)
                      (call $fib (i32.sub (local.get $n) (i32.const 1)) (i32.sub (local.get $stop) (i32.const 1)))))
                    (local.set $n (i32.sub (local.get $n) (i32.const 2)))
                    (br $next)))
                (i32.add (local.get $n) (local.get $acc)))
              (func $down (param $n i32) (result i32)
                (i32.add (call $down (i32.add (local.get $n) (i32.const 1))) (local.get $n)))
              (func $wide (param $n i32) (param $limit i32) (result i32) (local i64 i64 i64 i64 i64 i64)
                (if (result i32) (i32.eq (local.get $n) (local.get $limit))
                  (then (local.get $n))
                  (else (i32.add (i32.const 1)
                    (call $wide (i32.add (local.get $n) (i32.const 1)) (local.get $limit))))))
              (func $pad (param $k i32) (param $limit i32) (result i32)
                (if (result i32) (i32.eqz (local.get $k))
                  (then (call $wide (i32.const 0) (local.get $limit)))
                  (else (call $pad (i32.sub (local.get $k) (i32.const 1)) (local.get $limit)))))
              (func (export "padded") (param $k i32) (param $limit i32) (result i32)
                (call $pad (local.get $k) (local.get $limit)))
              (func (export "fib") (param $n i32) (param $stop i32) (result i32)
                (call $fib (local.get $n) (local.get $stop)))
              (func (export "down") (param i32) (result i32) (call $down (local.get 0))))""";

    @RegisterExtension
    final Switches switches = Switches.kept().set(SWITCH, null);

    private static CompiledClass compile(int funcIndex) {
        WasmModule m = Wasm.load(Wabt.wat(MODULE));
        return JvmCompiler.compile(new ModuleContext(m), funcIndex, 7600, "dev/trapdoor/engine/exec/Jit$P",
                false, true, 0);
    }

    /** The methods of a compiled function's first class, each with the methods it invokes statically in this class. */
    private static Map<String, List<String>> methods(CompiledClass cc) {
        Map<String, List<String>> calls = new TreeMap<>();
        new ClassReader(cc.classes()[0]).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] ex) {
                List<String> callees = new ArrayList<>();
                calls.put(name, callees);
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int op, String owner, String n, String d, boolean itf) {
                        if (owner.equals("dev/trapdoor/engine/exec/Jit$P")) {
                            callees.add(n);
                        }
                        if (n.equals("enterTyped")) {
                            callees.add("enterTyped");
                        }
                    }
                };
            }
        }, 0);
        return calls;
    }

    @Test
    void aSelfRecursiveTypedEntryGetsItsCopiesOnlyWithTheSwitch() {
        assertFalse(methods(compile(0)).containsKey(PairedChecks.WIDE), "off by default");
        System.setProperty(SWITCH, "true");
        Map<String, List<String>> fib = methods(compile(0));
        // t checks and chooses; w runs behind t's check of both frames and calls u (through g), which checks nothing.
        assertEquals(List.of(PairedChecks.WIDE, "enterTyped", PairedChecks.UNCHECKED), fib.get("t"), fib.toString());
        // (x is the body's spill block, TypedExit.)
        assertEquals(List.of(PairedChecks.GUARD, "x"), fib.get(PairedChecks.WIDE), fib.toString());
        assertEquals(List.of(PairedChecks.UNCHECKED), fib.get(PairedChecks.GUARD), fib.toString());
        assertEquals(List.of("x"), fib.get(PairedChecks.UNCHECKED), "u's self calls go through the call site");
        assertFalse(methods(compile(4)).containsKey(PairedChecks.WIDE), "no self call, no copies");
    }

    @Test
    void resultsAndATrapDeepInTheRecursionAreTheInterpreters() {
        System.setProperty(SWITCH, "true");
        WasmModule m = Wasm.load(Wabt.wat(MODULE));
        for (int n : new int[]{0, 1, 2, 7, 20}) {
            long[] expected = new Store().instantiate(m, ImportResolver.NONE).invoke("fib", n, 100);
            assertArrayEquals(expected, compiled(EngineConfig.DEFAULT).invoke("fib", n, 100), "fib " + n);
        }
        for (int stop : new int[]{1, 2, 5, 6}) {
            assertSameTrap(EngineConfig.DEFAULT, "fib", 20, stop);
        }
    }

    @Test
    void theCallStackRunsOutWhereTheInterpretersDoes() throws Throwable {
        System.setProperty(SWITCH, "true");
        DeepThread.run(() -> {
            // The depth first, at an odd and an even limit; then the value stack, at its first length and past it.
            for (int depth : new int[]{1, 2, 3, 300, 301}) {
                assertSameTrap(new EngineConfig(depth, 1 << 20, false), "down", 0);
            }
            // fib(18) goes 18 frames deep: limits around that either end it or not, the same way in both tiers.
            for (int depth = 1; depth < 22; depth++) {
                assertSameOutcome(new EngineConfig(depth, 1 << 20, false), "fib", 18, 1000);
            }
            for (int slots : new int[]{EngineConfig.MIN_VALUE_STACK_SLOTS, EngineConfig.MIN_VALUE_STACK_SLOTS + 5,
                    3 * EngineConfig.MIN_VALUE_STACK_SLOTS + 1}) {
                assertSameTrap(new EngineConfig(100_000, slots, false), "down", 0);
                // $pad's frames below move $wide's recursion along the value stack slot by slot, so some frame
                // ends exactly at the first length, and at each limit.
                EngineConfig config = new EngineConfig(100_000, slots, false);
                for (int k = 0; k < 12; k++) {
                    assertSameTrap(config, "padded", k, 1 << 20);
                }
            }
        });
    }

    private static dev.trapdoor.engine.exec.Instance compiled(EngineConfig config) {
        return new Store(config.withTier(Tier.COMPILED)).instantiate(Wasm.load(Wabt.wat(MODULE)),
                ImportResolver.NONE);
    }

    private static dev.trapdoor.engine.exec.Instance interpreted(EngineConfig config) {
        return new Store(config).instantiate(Wasm.load(Wabt.wat(MODULE)), ImportResolver.NONE);
    }

    private static void assertSameOutcome(EngineConfig config, String export, long... args) {
        Object expected;
        try {
            expected = interpreted(config).invoke(export, args)[0];
        } catch (Trap t) {
            assertSameTrap(config, export, args);
            return;
        }
        assertEquals(expected, compiled(config).invoke(export, args)[0], export + " " + args[0]);
    }

    private static void assertSameTrap(EngineConfig config, String export, long... args) {
        Trap interpreted = assertThrows(Trap.class, () -> interpreted(config).invoke(export, args));
        Trap compiled = assertThrows(Trap.class, () -> compiled(config).invoke(export, args));
        String what = export + " " + java.util.Arrays.toString(args) + " " + config.maxCallDepth() + "/"
                + config.maxValueStackSlots();
        SameTrap.assertSameTrap(interpreted, compiled, what);
    }
}
