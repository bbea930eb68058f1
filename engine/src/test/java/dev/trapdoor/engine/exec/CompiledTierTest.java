package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.testing.Wabt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How functions move between tiers: compiled before use, compiled when hot, and never compiled when it fails. */
class CompiledTierTest {
    private static final String FIB = """
            (module
              (func $fib (export "fib") (param i64) (result i64)
                (if (result i64) (i64.lt_u (local.get 0) (i64.const 2))
                  (then (local.get 0))
                  (else (i64.add (call $fib (i64.sub (local.get 0) (i64.const 1)))
                                 (call $fib (i64.sub (local.get 0) (i64.const 2)))))))
              (func (export "sum") (param i32) (result i32) (local i32)
                (loop $l
                  (local.set 1 (i32.add (local.get 1) (local.get 0)))
                  (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
                (local.get 1)))""";

    @AfterEach
    void noFaults() {
        JitInstaller.faultInjector = f -> false;
    }

    private static Instance instantiate(EngineConfig config) {
        return new Store(config).instantiate(Wasm.load(Wabt.wat(FIB)), ImportResolver.NONE);
    }

    @Test
    void compiledModeCompilesEveryFunctionBeforeItRuns() {
        Instance inst = instantiate(EngineConfig.DEFAULT.withTier(Tier.COMPILED));
        assertNotNull(inst.function("fib").jit);
        assertArrayEquals(new long[]{6765}, inst.invoke("fib", 20));
        assertArrayEquals(new long[]{5050}, inst.invoke("sum", 100));
    }

    @Test
    void callsBetweenCompiledFunctionsOfOneChunkAreTyped() {
        Instance inst = instantiate(EngineConfig.DEFAULT.withTier(Tier.COMPILED));
        FunctionInstance fib = inst.function("fib");
        assertNotNull(fib.typedJit, "fib fits one chunk, so it has a typed entry");
        assertTrue(JitRt.typedSiteOf(fib).getTarget() == fib.typedJit, "fib's recursive calls go to the typed entry");
        assertArrayEquals(new long[]{6765}, inst.invoke("fib", 20));
        // In chunks of 64 bytes fib has a typed entry too, which runs its chunks (compile.ChunkedTypedEntry); switched
        // off, its typed callers reach it through the value stack.
        Instance chunked = instantiate(EngineConfig.DEFAULT.withTier(Tier.COMPILED).withChunkBudget(64));
        boolean chunkedEntries = !"false".equals(System.getProperty("trapdoor.jit.chunkedTypedEntry"));
        assertEquals(chunkedEntries, chunked.function("fib").typedJit != null);
        assertArrayEquals(new long[]{6765}, chunked.invoke("fib", 20));
    }

    @Test
    void aBreakpointTakesTheTypedEntryAwayToo() {
        Instance inst = instantiate(EngineConfig.DEFAULT.withTier(Tier.COMPILED));
        FunctionInstance fib = inst.function("fib");
        java.lang.invoke.MethodHandle typed = fib.typedJit;
        java.lang.invoke.MethodHandle entry = fib.jit;
        boolean bare = fib.jitContext.bareTyped;
        inst.store().debugger();
        assertNotNull(fib.typedJit, "an idle debugger keeps compiled code");
        // A typed entry with bare call sites is compiled again with full ones (BareSwap); other code stays as it was.
        assertEquals(bare, fib.typedJit != typed, "only a bare typed entry is swapped");
        assertEquals(bare, fib.jit != entry);
        assertFalse(fib.jitContext.bareTyped, "the debugger's code has full handlers");
        assertTrue(JitRt.typedSiteOf(fib).getTarget() == fib.typedJit, "typed callers reach the new entry");
        assertArrayEquals(new long[]{6765}, inst.invoke("fib", 20));
        inst.store().debugger().addFunctionBreakpoint(inst, fib.funcIndex);
        assertNull(fib.typedJit);
        assertTrue(JitRt.typedSiteOf(fib).getTarget() != typed, "compiled callers would still run fib compiled");
        assertArrayEquals(new long[]{6765}, inst.invoke("fib", 20));
    }

    @Test
    void interpreterModeNeverCompiles() {
        Instance inst = instantiate(EngineConfig.DEFAULT);
        assertArrayEquals(new long[]{6765}, inst.invoke("fib", 20));
        assertNull(inst.function("fib").jit);
    }

    @Test
    void tieredModeCompilesAHotFunctionInTheBackground() throws InterruptedException {
        Instance inst = instantiate(EngineConfig.DEFAULT.withTier(Tier.TIERED).withTierUpThreshold(50));
        FunctionInstance fib = inst.function("fib");
        assertNull(fib.jit, "nothing is compiled before it runs");
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (fib.jit == null && System.nanoTime() < deadline) {
            assertArrayEquals(new long[]{610}, inst.invoke("fib", 15));
            Thread.sleep(5);
        }
        assertNotNull(fib.jit, "fib was called thousands of times and is still interpreted");
        assertArrayEquals(new long[]{832040}, inst.invoke("fib", 30));
    }

    @Test
    void aFunctionThatFailsToCompileRunsInTheInterpreter() {
        JitInstaller.faultInjector = f -> "fib".equals(f.name());
        Instance inst = instantiate(EngineConfig.DEFAULT.withTier(Tier.COMPILED));
        assertNull(inst.function("fib").jit);
        assertNotNull(inst.function("sum").jit);
        assertArrayEquals(new long[]{6765}, inst.invoke("fib", 20));
        assertArrayEquals(new long[]{5050}, inst.invoke("sum", 100));
    }

    @Test
    void aBreakpointReturnsOnlyItsFunctionToTheInterpreterUntilItGoes() {
        Instance inst = instantiate(EngineConfig.DEFAULT.withTier(Tier.COMPILED));
        FunctionInstance fib = inst.function("fib");
        FunctionInstance sum = inst.function("sum");
        assertTrue(fib.jit != null);
        inst.store().debugger();
        assertNotNull(fib.jit, "an idle debugger keeps compiled code");
        dev.trapdoor.engine.debug.Breakpoint bp = inst.store().debugger().addFunctionBreakpoint(inst, sum.funcIndex);
        assertNull(sum.jit);
        assertNotNull(fib.jit, "a breakpoint elsewhere took fib's compiled code");
        assertArrayEquals(new long[]{6765}, inst.invoke("fib", 20));
        assertFalse(JitInstaller.install(sum), "a function with a breakpoint compiled");
        inst.store().debugger().removeBreakpoint(bp);
        assertNotNull(sum.jit, "sum stayed in the interpreter after its last breakpoint went");
        assertArrayEquals(new long[]{5050}, inst.invoke("sum", 100));
    }
}
