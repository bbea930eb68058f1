package dev.trapdoor.dap.warm;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogLinesTest {
    /** A root handler as a user's logging set-up has one: its formatter is used, its output never reached. */
    private static final class Recording extends Handler {
        final List<String> formatted = new ArrayList<>();
        final List<LogRecord> published = new ArrayList<>();

        Recording() {
            setFormatter(new Formatter() {
                @Override
                public String format(LogRecord r) {
                    String line = r.getLevel() + " " + formatMessage(r);
                    formatted.add(line);
                    return line;
                }
            });
        }

        @Override
        public void publish(LogRecord r) {
            published.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void linesAreFormattedWithTheRootHandlersFormattersAndReachNoHandler() {
        Logger root = Logger.getLogger("");
        int handlers = root.getHandlers().length + 1;
        Recording handler = new Recording();
        root.addHandler(handler);
        PrintStream err = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int formatted;
        try {
            System.setErr(new PrintStream(printed, true));
            formatted = LogLines.format(10);
        } finally {
            System.setErr(err);
            root.removeHandler(handler);
        }
        assertEquals(10 * handlers, formatted, "10 lines for each of " + handlers + " root handlers");
        assertEquals(10, handler.formatted.size());
        assertTrue(handler.formatted.get(0).startsWith("INFO client connected from /127.0.0.1:"),
                handler.formatted.get(0));
        assertTrue(handler.formatted.get(1).endsWith("disconnected; ending its session"), handler.formatted.get(1));
        assertEquals(List.of(), handler.published);
        assertEquals("", printed.toString());
    }

    @Test
    void theWarmUpFormatsAThousandLinesUnlessToldOtherwise() {
        // Unset in the test JVM, so this is the default: 256 left half of the path to the first clients' C1.
        assertEquals(null, System.getProperty("trapdoor.dap.warmUp.logLines"));
        assertEquals(1024, LogLines.LINES);
    }
}
