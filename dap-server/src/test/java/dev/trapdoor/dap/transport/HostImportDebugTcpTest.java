package dev.trapdoor.dap.transport;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.exec.EngineConfig;
import dev.trapdoor.engine.exec.FunctionInstance;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.exec.Store;
import dev.trapdoor.engine.exec.Tier;
import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.ValType;
import dev.trapdoor.engine.text.Wat;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Host imports of an embedding application (not WASI) seen by a DAP client attached through {@link DebugListener}:
 * a function breakpoint on the import stops before the call with its raw typed arguments ("Host call" scope),
 * stepping over it shows the result the host returned, and a condition tests arguments and results (floats as
 * numbers).
 */
class HostImportDebugTcpTest {
    private static final String WAT = """
            (module
              (import "env" "scale" (func $scale (param i32 f64) (result f64)))
              (memory 1)
              (func (export "_start")
                (local $r f64)
                (local.set $r (call $scale (i32.const 3) (f64.const 0.5)))
                (f64.store (i32.const 0) (local.get $r))
                (local.set $r (call $scale (i32.const 7) (f64.const 0.25)))
                (f64.store (i32.const 8) (local.get $r))))
            """;

    /** The embedding application: a host function, the program run on its own thread once a client configured. */
    private static final class Embedder implements AutoCloseable {
        final DebugListener listener;
        final Thread thread;

        Embedder() throws Exception {
            Store store = new Store(EngineConfig.DEFAULT.withTier(Tier.INTERPRETER));
            FunctionInstance scale = store.hostFunction("scale", FuncType.of(new ValType[] {ValType.I32, ValType.F64},
                    new ValType[] {ValType.F64}), (caller, args) -> new long[] {
                    Double.doubleToRawLongBits(args[0] * Double.longBitsToDouble(args[1]))});
            Instance instance = store.instantiate(Wasm.load(Wat.compile("host.wat", WAT).binary()), (m, n) -> scale);
            listener = DebugListener.open("127.0.0.1", 0);
            listener.debug(instance, "host.wasm");
            thread = new Thread(() -> {
                try {
                    listener.awaitConfigured();
                    instance.invoke("_start");
                    listener.programExited(0);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() throws Exception {
            thread.join(10_000);
            listener.close();
        }
    }

    @Test
    void aBreakpointOnAHostImportShowsRawArgumentsAndSteppingOverShowsTheResult() throws Exception {
        try (Embedder app = new Embedder(); JsonClient c = new JsonClient(app.listener.port())) {
            c.attach("{\"name\":\"scale\",\"condition\":\"arg0 == 7 && arg1 < 0.3\"}");
            assertEquals("function breakpoint", c.event("stopped").get("reason").getAsString());
            Map<String, Map<String, String>> scopes = c.scopes();
            assertEquals(Map.of("function", "env.scale", "arg0", "i32 7", "arg1", "f64 0.25"),
                    scopes.get("Host call"), scopes.toString());
            assertFalse(scopes.containsKey("WASI call"));

            c.ask("next", "{\"threadId\":1}");
            c.event("stopped");
            scopes = c.scopes();
            // What the host returned, as the store reported the call (the guest stores it into $r at once).
            assertEquals(Map.of("function", "env.scale", "result", "f64 1.75"), scopes.get("Host result"),
                    scopes.toString());
            c.ask("continue", "{\"threadId\":1}");
            assertEquals(0, c.event("exited").get("exitCode").getAsInt());
        }
    }

    @Test
    void aConditionOnTheResultStopsRightAfterTheCallThatMetIt() throws Exception {
        try (Embedder app = new Embedder(); JsonClient c = new JsonClient(app.listener.port())) {
            c.attach("{\"name\":\"env.scale\",\"condition\":\"result > 1.6\"}");
            c.event("stopped");
            Map<String, Map<String, String>> scopes = c.scopes();
            assertEquals("f64 1.75", scopes.get("Host result").get("result"), scopes.toString());
            c.ask("continue", "{\"threadId\":1}");
            assertEquals(0, c.event("exited").get("exitCode").getAsInt());
        }
    }
}
