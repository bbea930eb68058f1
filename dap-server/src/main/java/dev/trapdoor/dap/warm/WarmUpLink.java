package dev.trapdoor.dap.warm;

import java.io.IOException;

/**
 * How the warm-up's client reaches a connection: over loopback TCP to the private server ({@link TcpLink}), which
 * warms Netty's side too, or in memory straight into a {@code DapConnection} ({@link MemoryLink}), which costs less.
 */
interface WarmUpLink {
    /** Sends one message's JSON. */
    void send(String json) throws IOException;

    /**
     * The next message's JSON, or null once the server has ended the connection.
     *
     * @param what what is being waited for, for the failure's message
     * @throws WarmUpFailed past the deadline
     */
    String next(String what) throws IOException, InterruptedException;

    /**
     * Ends the connection as a client does; after an answered {@code disconnect} ({@code disconnected}), first waits
     * (until the deadline) for the server's own end of it.
     */
    void close(boolean disconnected) throws IOException, InterruptedException;
}
