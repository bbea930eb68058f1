package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.testing.Wabt;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Creating a store's debugger takes the store's lock and then each function's (to drop code compiled for no
 * debugger), while the compiler thread installs code holding a function's lock and asks whether a debugger exists.
 * That question must not need the store's lock, or a debugger attaching while a function is being installed
 * deadlocks both threads.
 */
class DebuggerAttachLockTest {
    @Test
    void askingForADebuggerUnderAFunctionsLockDoesNotWaitForTheStore() throws Exception {
        Store store = new Store(EngineConfig.DEFAULT.withTier(Tier.TIERED));
        Instance instance = store.instantiate(Wasm.load(Wabt.wat("(module (func (export \"f\")))")),
                ImportResolver.NONE);
        FunctionInstance f = instance.function("f");
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch ask = new CountDownLatch(1);
        // What JitInstaller does: hold the function's lock, then ask the store.
        CompletableFuture<Boolean> installer = CompletableFuture.supplyAsync(() -> {
            synchronized (f) {
                holding.countDown();
                try {
                    ask.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return store.hasDebugger();
            }
        });
        assertTrue(holding.await(10, TimeUnit.SECONDS));
        // A debugger attaches: the store's lock, then the function's, which the installer holds.
        CompletableFuture<Debugger> attach = CompletableFuture.supplyAsync(store::debugger);
        // Give the attaching thread time to take the store's lock and block on the function's.
        Thread.sleep(300);
        ask.countDown();
        installer.get(10, TimeUnit.SECONDS);
        assertTrue(attach.get(10, TimeUnit.SECONDS) != null);
        assertTrue(store.hasDebugger());
    }
}
