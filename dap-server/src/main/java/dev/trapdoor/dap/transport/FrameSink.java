package dev.trapdoor.dap.transport;

/** Where a connection's framed outgoing bytes go (stdout, a socket). Called from one thread at a time. */
@FunctionalInterface
public interface FrameSink {
    void write(byte[] frame);

    /**
     * Frames and writes one message's JSON. {@code json} may be a buffer that the caller reuses once this returns, so
     * a sink must take what it needs before then. A sink that can encode straight into its own buffers overrides this
     * (the TCP transport: one copy from the text into the socket's buffer instead of three).
     */
    default void writeMessage(CharSequence json) {
        write(Frames.frame(json.toString()));
    }
}
