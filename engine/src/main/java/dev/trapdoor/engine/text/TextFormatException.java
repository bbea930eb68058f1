package dev.trapdoor.engine.text;

import dev.trapdoor.engine.error.WasmException;

/** A text module or script that does not parse: where ({@code file:line:col}) and what was expected there. */
public final class TextFormatException extends WasmException {
    private final String file;
    private final int line;
    private final int column;
    private final String reason;

    public TextFormatException(String file, int line, int column, String reason) {
        super(file + ":" + line + ":" + column + ": " + reason);
        this.file = file;
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    public String file() {
        return file;
    }

    /** 1-based. */
    public int line() {
        return line;
    }

    /** 1-based, counted in characters. */
    public int column() {
        return column;
    }

    public String reason() {
        return reason;
    }
}
