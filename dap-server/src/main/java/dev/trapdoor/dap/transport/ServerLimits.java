package dev.trapdoor.dap.transport;

import java.time.Duration;

/**
 * What one client may cost the server. A message over {@code maxMessageBytes} is skipped and answered with an error
 * (its header says how long it is, so the stream stays in step). Past {@code maxSessions} concurrent TCP connections
 * a new one gets an error response to its first request and is closed. A connection that has not sent
 * {@code initialize}, or that stops in the middle of a message, for {@code idleTimeout} is closed with a logged
 * reason (after an error response when the partial message has a {@code seq}); once initialized, a quiet client is
 * a person thinking at a breakpoint and is left alone (TCP keep-alive finds dead peers).
 */
public record ServerLimits(int maxMessageBytes, int maxSessions, Duration idleTimeout) {
    /** DAP messages are small; the largest ones (writeMemory, source contents) stay well under this. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
    public static final int DEFAULT_MAX_SESSIONS = 64;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    public static final ServerLimits DEFAULT = new ServerLimits(DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_MAX_SESSIONS,
            DEFAULT_IDLE_TIMEOUT);

    public ServerLimits {
        if (maxMessageBytes < 1024 || maxSessions < 1 || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("maxMessageBytes must be >= 1024, maxSessions >= 1 and the idle "
                    + "timeout positive");
        }
    }
}
