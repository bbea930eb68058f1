package dev.trapdoor.dap.warm;

import dev.trapdoor.dap.source.SourceVariablesProvider;
import dev.trapdoor.dap.transport.DapConnection;
import dev.trapdoor.dap.transport.FrameSink;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An in-memory connection: requests go straight into a {@link DapConnection} as a transport would hand them over,
 * and the framed messages it writes come back through this {@link FrameSink}. The same endpoint, handlers, session
 * and engine as over TCP, without the socket and Netty.
 */
final class MemoryLink implements WarmUpLink, FrameSink {
    private final BlockingQueue<String> inbox = new LinkedBlockingQueue<>();
    private final DapConnection connection;
    /** Counted down once the connection has answered {@code disconnect} and asked its transport to end it. */
    private final CountDownLatch ended = new CountDownLatch(1);
    private final long deadline;

    /** @param deadline {@link System#nanoTime()} after which every wait fails */
    MemoryLink(Path cwd, SourceVariablesProvider variables, long deadline) {
        this.deadline = deadline;
        this.connection = new DapConnection(this, cwd, variables, null, ended::countDown);
    }

    @Override
    public void write(byte[] frame) {
        int body = 0;
        while (body + 3 < frame.length && !(frame[body] == '\r' && frame[body + 1] == '\n'
                && frame[body + 2] == '\r' && frame[body + 3] == '\n')) {
            body++;
        }
        inbox.add(new String(frame, body + 4, frame.length - body - 4, StandardCharsets.UTF_8));
    }

    @Override
    public void send(String json) {
        connection.receive(json);
    }

    @Override
    public String next(String what) throws InterruptedException {
        String json = inbox.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (json == null) {
            throw new WarmUpFailed("timed out waiting for " + what);
        }
        return json;
    }

    @Override
    public void close(boolean disconnected) throws InterruptedException {
        if (disconnected) {
            ended.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        connection.close();
    }
}
