package dev.trapdoor.dap.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Handles a bug in trapdoor itself: the user gets one line, the stack trace goes to a file that line names, so it can
 * be attached to a bug report.
 */
final class CrashReport {
    private CrashReport() {
    }

    static String handle(Throwable t, String[] args) {
        StringWriter trace = new StringWriter();
        try (PrintWriter w = new PrintWriter(trace)) {
            w.println("trapdoor " + Main.version());
            w.println("java " + System.getProperty("java.version") + " on " + System.getProperty("os.name"));
            w.println("args: " + Arrays.toString(args));
            t.printStackTrace(w);
        }
        String where;
        try {
            Path file = Files.createTempFile("trapdoor-crash-", ".txt");
            Files.writeString(file, trace.toString());
            where = "details in " + file + "; please attach that file to a bug report";
        } catch (IOException | RuntimeException e) {
            where = "please report this bug with the command line that caused it";
        }
        String what = t.getMessage() == null ? t.getClass().getName() : t.getClass().getName() + ": " + t.getMessage();
        return "trapdoor: internal error: " + what.replace('\n', ' ') + " (" + where + ")";
    }
}
