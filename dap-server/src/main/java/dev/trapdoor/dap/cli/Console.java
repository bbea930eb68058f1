package dev.trapdoor.dap.cli;

import java.io.InputStream;
import java.io.PrintStream;

/** The process's standard streams, passed in so tests can capture them. The guest's stdio goes to the same ones. */
public record Console(InputStream in, PrintStream out, PrintStream err) {
    public static Console system() {
        return new Console(System.in, System.out, System.err);
    }
}
