package dev.trapdoor.dap.transport;

/** Where a connection's framed outgoing bytes go (stdout, a socket). Called from one thread at a time. */
@FunctionalInterface
public interface FrameSink {
    void write(byte[] frame);

    /**
     * Frames and writes one message's JSON. {@code json} may be a builder the caller reuses: it is read before this
     * returns and not kept. A sink that can frame straight into its own buffers ({@link ChannelSink}) does so.
     */
    default void writeJson(CharSequence json) {
        write(Frames.frame(json.toString()));
    }
}
