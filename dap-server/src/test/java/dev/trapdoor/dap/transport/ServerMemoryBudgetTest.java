package dev.trapdoor.dap.transport;

import dev.trapdoor.dap.source.SourceVariablesProvider;
import dev.trapdoor.engine.exec.MemoryBudget;
import org.eclipse.lsp4j.debug.ConfigurationDoneArguments;
import org.eclipse.lsp4j.debug.ExitedEventArguments;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;
import org.eclipse.lsp4j.debug.ReadMemoryArguments;
import org.eclipse.lsp4j.debug.ReadMemoryResponse;
import org.eclipse.lsp4j.debug.SetExceptionBreakpointsArguments;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.launch.DSPLauncher;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;
import org.eclipse.lsp4j.debug.services.IDebugProtocolServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A {@code dap --port} server with a memory budget, over real sockets with a real DAP client: sessions share the
 * server's budget and each keeps to its own {@code maxMemory}; a session gives its share back when it ends; the
 * debugger reads memory a grow added.
 */
class ServerMemoryBudgetTest {
    private static final int PAGE = 65536;
    /**
     * Grows one page at a time until memory.grow fails, writing the page number at the start of each new page, then
     * exits with the number of pages it has (or, with "trap" as argument count > 1, traps there instead).
     */
    private static final String GREEDY = """
            (module
              (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
              (import "wasi_snapshot_preview1" "args_sizes_get" (func $argsSizes (param i32 i32) (result i32)))
              (memory (export "memory") 1)
              (func (export "_start")
                (block $full
                  (loop $more
                    (br_if $full (i32.eq (memory.grow (i32.const 1)) (i32.const -1)))
                    (i32.store (i32.mul (i32.sub (memory.size) (i32.const 1)) (i32.const 65536))
                      (i32.sub (memory.size) (i32.const 1)))
                    (br $more)))
                (drop (call $argsSizes (i32.const 0) (i32.const 4)))
                (if (i32.gt_u (i32.load (i32.const 0)) (i32.const 1)) (then unreachable))
                (call $exit (memory.size))))
            """;
    private static final long MIB = 1 << 20;

    @TempDir
    Path tmp;
    private TcpServer server;
    private MemoryBudget budget;

    @BeforeEach
    void start() throws InterruptedException {
        budget = new MemoryBudget(6 * MIB);
        server = TcpServer.start("127.0.0.1", 0, tmp, SourceVariablesProvider.NONE, () -> null, budget);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void sessionsShareTheServersBudgetAndGiveTheirShareBack() throws Exception {
        Files.writeString(tmp.resolve("greedy.wat"), GREEDY);
        try (Client a = new Client(server)) {
            a.launch(Map.of("program", "greedy.wat", "maxMemory", "4M", "args", java.util.List.of("trap")));
            StoppedEventArguments stop = a.stopped.get(30, TimeUnit.SECONDS);
            assertEquals("exception", stop.getReason());
            assertEquals(4 * MIB, budget.used(), "a grew to its own 4 MiB");

            ReadMemoryArguments r = new ReadMemoryArguments();
            r.setMemoryReference("mem:0@0x" + Integer.toHexString(63 * PAGE));
            r.setCount(8);
            ReadMemoryResponse grown = a.server.readMemory(r).get(30, TimeUnit.SECONDS);
            assertArrayEquals(new byte[] {63, 0, 0, 0}, java.util.Arrays.copyOf(
                    Base64.getDecoder().decode(grown.getData()), 4), "the page the last grow added");
            r.setMemoryReference("mem:0@0x" + Integer.toHexString(64 * PAGE - 4));
            ReadMemoryResponse end = a.server.readMemory(r).get(30, TimeUnit.SECONDS);
            assertEquals(4, end.getUnreadableBytes(), "nothing past the size, capacity or not");

            try (Client b = new Client(server)) {
                b.launch(Map.of("program", "greedy.wat"));
                assertEquals(32, b.exited.get(30, TimeUnit.SECONDS).getExitCode(),
                        "b gets what a left of the server's 6 MiB: 2 MiB");
            }
        }
        awaitUsed(0);
        try (Client c = new Client(server)) {
            c.launch(Map.of("program", "greedy.wat"));
            assertEquals(96, c.exited.get(30, TimeUnit.SECONDS).getExitCode(), "all 6 MiB once a and b are gone");
        }
    }

    @Test
    void aLaunchWhoseMemoryDoesNotFitFailsNamingTheSizes() throws Exception {
        Files.writeString(tmp.resolve("big.wat"), "(module (memory 200) (func (export \"_start\")))");
        try (Client c = new Client(server)) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> c.launch(Map.of("program",
                    "big.wat")));
            String message = e.getCause().getMessage();
            assertTrue(message.contains("13107200 bytes (200 pages)"), message);
            assertTrue(message.contains("memory limit of 6291456 bytes"), message);
        }
        assertEquals(0, budget.used());
    }

    private void awaitUsed(long bytes) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (budget.used() != bytes && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertEquals(bytes, budget.used(), "charged after the sessions ended");
    }

    /** A DAP client on its own socket: one session of the server. */
    private static final class Client implements IDebugProtocolClient, AutoCloseable {
        final CompletableFuture<StoppedEventArguments> stopped = new CompletableFuture<>();
        final CompletableFuture<ExitedEventArguments> exited = new CompletableFuture<>();
        final CompletableFuture<Void> initialized = new CompletableFuture<>();
        final IDebugProtocolServer server;
        private final Socket socket;

        Client(TcpServer tcp) throws IOException {
            socket = new Socket("127.0.0.1", tcp.address().getPort());
            var launcher = DSPLauncher.createClientLauncher(this, socket.getInputStream(), socket.getOutputStream());
            server = launcher.getRemoteProxy();
            launcher.startListening();
        }

        void launch(Map<String, Object> args) throws Exception {
            InitializeRequestArguments init = new InitializeRequestArguments();
            init.setAdapterID("trapdoor");
            server.initialize(init).get(30, TimeUnit.SECONDS);
            initialized.get(30, TimeUnit.SECONDS);
            server.launch(new HashMap<>(args)).get(30, TimeUnit.SECONDS);
            SetExceptionBreakpointsArguments filters = new SetExceptionBreakpointsArguments();
            filters.setFilters(new String[] {"trap.all"});
            server.setExceptionBreakpoints(filters).get(30, TimeUnit.SECONDS);
            server.configurationDone(new ConfigurationDoneArguments()).get(30, TimeUnit.SECONDS);
        }

        @Override
        public void initialized() {
            initialized.complete(null);
        }

        @Override
        public void stopped(StoppedEventArguments args) {
            stopped.complete(args);
        }

        @Override
        public void exited(ExitedEventArguments args) {
            exited.complete(args);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
