package dev.trapdoor.engine.debug;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.exec.EngineConfig;
import dev.trapdoor.engine.exec.ImportResolver;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.exec.Debugger;
import dev.trapdoor.engine.exec.Store;
import dev.trapdoor.engine.testing.Wabt;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** The debugger tests' C program ({@code src/test/c/debug/debuggee.c}, built at -O0) in a fresh store. */
final class Debuggee {
    final byte[] wasm;
    final Store store;
    final Instance instance;
    final Debugger debugger;

    Debuggee(EngineConfig config) {
        this.wasm = bytes();
        this.store = new Store(config);
        this.instance = store.instantiate(Wasm.load(wasm), ImportResolver.NONE);
        this.debugger = store.debugger();
    }

    Debuggee() {
        this(EngineConfig.DEFAULT);
    }

    static byte[] bytes() {
        try (InputStream in = Debuggee.class.getResourceAsStream("/debug/debuggee.wasm")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Function index by its name-section name. */
    int func(String name) {
        for (Map.Entry<Integer, String> e : instance.names().functionNames().entrySet()) {
            if (e.getValue().equals(name)) {
                return e.getKey();
            }
        }
        throw new IllegalArgumentException("no function " + name);
    }

    /** Module offset of the nth instruction starting with {@code prefix} in a function, from wasm-objdump. */
    int offset(String function, String prefix, int nth) {
        return Wabt.offsetOf(wasm, func(function), prefix, nth);
    }
}
