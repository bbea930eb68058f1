package dev.trapdoor.dap.session;

import dev.trapdoor.engine.debug.DebugEvent;
import dev.trapdoor.engine.exec.Values;
import dev.trapdoor.engine.exec.WasmThrow;
import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.trap.WasmFrame;

/** Text for Wasm exceptions (3.0): the stop's description, and the report of one that ended the program. */
public final class ExceptionText {
    private ExceptionText() {
    }

    /** {@code uncaught Wasm exception $tag (i32:42)}, or {@code Wasm exception ...} for one a handler catches. */
    public static String of(DebugEvent.WasmException ex, Program program) {
        return (ex.caught() ? "Wasm exception " : "uncaught Wasm exception ") + tag(ex.tagName())
                + payload(ex.tagType(), ex.payload());
    }

    /** The tag as users name it: {@code $name}, or "(unnamed tag)". */
    public static String tag(String name) {
        return name != null ? "$" + name : "(unnamed tag)";
    }

    /** {@code " (i32:1, f64:2.5)"}, or empty for a tag without values. */
    public static String payload(FuncType type, long[] values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < type.paramCount() && i < values.length; i++) {
            sb.append(i == 0 ? " (" : ", ").append(Values.toString(type.param(i), values[i]));
        }
        return sb.isEmpty() ? "" : sb.append(')').toString();
    }

    /** Like a trap's report: the exception, then one line per Wasm frame of the throw with its source position. */
    public static String report(WasmThrow ex, Program program) {
        StringBuilder sb = new StringBuilder("uncaught Wasm exception ").append(tag(ex.tag().name()))
                .append(payload(ex.tag().type(), ex.payload())).append('\n');
        int i = 0;
        for (WasmFrame f : ex.frames()) {
            sb.append('#').append(i++).append(' ')
                    .append(TrapText.frame(f.moduleOffset(), f.funcName(), program.sourceMap())).append('\n');
        }
        return sb.toString();
    }
}
