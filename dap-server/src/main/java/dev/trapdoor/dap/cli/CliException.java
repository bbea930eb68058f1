package dev.trapdoor.dap.cli;

/**
 * Ends a command with one line for the user and an exit status. Used for every expected failure, so the top level
 * only has to print the line; it carries no stack trace because the user never sees one.
 */
final class CliException extends RuntimeException {
    private final int exitCode;

    CliException(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
