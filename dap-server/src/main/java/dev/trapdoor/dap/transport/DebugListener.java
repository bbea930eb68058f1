package dev.trapdoor.dap.transport;

import dev.trapdoor.dap.session.AttachTarget;
import dev.trapdoor.dap.session.ClientEvents;
import dev.trapdoor.dap.session.DebugSession;
import dev.trapdoor.dap.session.Failures;
import dev.trapdoor.dap.session.GuestOutput;
import dev.trapdoor.dap.session.Program;
import dev.trapdoor.dap.source.DwarfVariablesProvider;
import dev.trapdoor.engine.dwarf.PathMapping;
import dev.trapdoor.engine.exec.Instance;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Lets a DAP client attach to a program that its owner runs: {@code trapdoor run --listen}, or any application
 * embedding the engine. One client at a time; a client that leaves lets the program run on undebugged.
 *
 * <pre>{@code
 * try (DebugListener listener = DebugListener.open("127.0.0.1", 4711)) {
 *     WasiConfig wasi = WasiConfig.builder().stdout(listener.stdout(System.out)).build();
 *     Instance instance = store.instantiate(module, new WasiImports(store, new WasiPreview1(wasi)));
 *     listener.debug(instance, "app.wasm");
 *     listener.awaitConfigured();           // a client attached and finished configuring
 *     int code = runIt(instance);           // breakpoints stop this thread
 *     listener.programExited(code);
 * }
 * }</pre>
 */
public final class DebugListener implements AttachTarget, AutoCloseable {
    private final TcpServer server;
    private final CountDownLatch configured = new CountDownLatch(1);
    private volatile Program program;
    private volatile DebugSession attached;
    private volatile ClientEvents events;
    /** Released when the attached client leaves; close() waits for it so the final events reach the client. */
    private volatile CountDownLatch gone = new CountDownLatch(0);

    private DebugListener(String host, int port) throws InterruptedException {
        this.server = TcpServer.start(host, port, Path.of("").toAbsolutePath(), new DwarfVariablesProvider(),
                () -> this);
    }

    public static DebugListener open(String host, int port) throws InterruptedException {
        return new DebugListener(host, port);
    }

    public int port() {
        return server.address().getPort();
    }

    public String listeningLine() {
        return server.listeningLine();
    }

    /** The program to debug (its path is shown to the client and used to find sources). */
    public void debug(Instance instance, String path) {
        Path p = Path.of(path).toAbsolutePath();
        program = new Program(path, instance, PathMapping.NONE, Program.sourceRoots(Path.of("").toAbsolutePath(),
                p), null, null);
    }

    /** An output stream for the guest: written to {@code also} and, while a client is attached, sent to it. */
    public OutputStream stdout(OutputStream also) {
        return tee(also, "stdout");
    }

    public OutputStream stderr(OutputStream also) {
        return tee(also, "stderr");
    }

    private OutputStream tee(OutputStream also, String category) {
        return new OutputStream() {
            private GuestOutput client;
            private ClientEvents clientOf;

            private synchronized GuestOutput client() {
                ClientEvents e = events;
                if (e != clientOf) {
                    clientOf = e;
                    client = e == null ? null : new GuestOutput(e, category);
                }
                return client;
            }

            @Override
            public void write(int b) throws IOException {
                also.write(b);
                GuestOutput c = client();
                if (c != null) {
                    c.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                also.write(b, off, len);
                GuestOutput c = client();
                if (c != null) {
                    c.write(b, off, len);
                }
            }

            @Override
            public void flush() throws IOException {
                also.flush();
                GuestOutput c = client();
                if (c != null) {
                    c.flush();
                }
            }
        };
    }

    /** Blocks until a client has attached and sent {@code configurationDone}. */
    public void awaitConfigured() throws InterruptedException {
        configured.await();
    }

    public boolean awaitConfigured(long timeout, TimeUnit unit) throws InterruptedException {
        return configured.await(timeout, unit);
    }

    /** Tells the attached client (if any) that the program ended. */
    public void programExited(int exitCode) {
        DebugSession s = attached;
        if (s != null) {
            s.programFinished(exitCode, false);
        }
    }

    @Override
    public synchronized Program attach(DebugSession session, ClientEvents clientEvents) {
        if (program == null) {
            throw Failures.failure("attach: the program is not ready yet; try again");
        }
        if (attached != null) {
            throw Failures.failure("attach: another client is attached to this program");
        }
        attached = session;
        events = clientEvents;
        gone = new CountDownLatch(1);
        return program;
    }

    @Override
    public void configured() {
        configured.countDown();
    }

    @Override
    public synchronized void detached(DebugSession session) {
        if (attached == session) {
            attached = null;
            events = null;
            gone.countDown();
        }
    }

    /**
     * Stops listening. If a client is still attached after the program ended, waits (up to 5 s) for it to read the
     * {@code exited}/{@code terminated} events and leave: exiting the process at once could cut them off.
     */
    @Override
    public void close() {
        try {
            gone.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.close();
    }
}
