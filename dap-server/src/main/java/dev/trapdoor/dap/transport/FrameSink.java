package dev.trapdoor.dap.transport;

/** Where a connection's framed outgoing bytes go (stdout, a socket). Called from one thread at a time. */
@FunctionalInterface
public interface FrameSink {
    void write(byte[] frame);
}
