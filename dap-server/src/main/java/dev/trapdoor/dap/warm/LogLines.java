package dev.trapdoor.dap.warm;

import java.io.OutputStream;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * Formats log lines like the TCP server's "client connected" and "disconnected" ones, with the formatters of the root
 * logger's handlers, into nothing. The warm-up's own sessions log nothing (its private server is quiet), so without
 * this the first clients' connection lines were the JVM's first: {@code String.format} with a date, the caller's
 * frame found by a stack walk, each line's text encoded, all interpreted, and 20-40 of the JDK's methods compiled by C1
 * while those clients stepped, where the last sessions' disconnections fall (benchmarks/RESULTS.md, session 20).
 */
final class LogLines {
    /**
     * Enough for C1 to take the formatting path: its threshold is 200 calls, raised by the length of its queue (long,
     * presumably, as the warm-up's sessions end); at 256 lines half of the path (the formatter's {@code format}, {@code
     * LogRecord}'s constructor, {@code Logger.doLog}) was still compiled while a fresh server's 50 sessions ended,
     * beside the last ones' steps (benchmarks/RESULTS.md, session 30). {@code -Dtrapdoor.dap.warmUp.logLines=N}
     * formats another number (0: none; 256 as before session 30).
     */
    static final int LINES = Integer.getInteger("trapdoor.dap.warmUp.logLines", 1024);

    private LogLines() {
    }

    /** Formats {@code lines} lines with each root handler's formatter; returns how many were formatted in all. */
    static int format(int lines) {
        int formatted = 0;
        for (Handler h : Logger.getLogger("").getHandlers()) {
            Formatter f = h.getFormatter();
            if (f == null) {
                continue;
            }
            // A logger of its own that passes nothing to its parents: no user-visible handler sees these lines.
            Logger quiet = Logger.getAnonymousLogger();
            quiet.setUseParentHandlers(false);
            StreamHandler nowhere = new StreamHandler(OutputStream.nullOutputStream(), f);
            quiet.addHandler(nowhere);
            try {
                for (int i = 0; i < lines; i++) {
                    String client = "/127.0.0.1:" + (40_000 + i);
                    quiet.info(i % 2 == 0 ? "client connected from " + client
                            : "client " + client + " disconnected; ending its session");
                }
                nowhere.flush();
                formatted += quiet.isLoggable(Level.INFO) ? lines : 0;
            } finally {
                quiet.removeHandler(nowhere);
            }
        }
        return formatted;
    }
}
