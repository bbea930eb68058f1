package dev.trapdoor.dap.cli;

import dev.trapdoor.engine.trap.Trap;
import dev.trapdoor.engine.trap.WasmFrame;

import java.util.ArrayList;
import java.util.List;

/**
 * The text {@code trapdoor run} prints for a trap: a line with the trap's kind and detail, then the Wasm stack
 * innermost first, one {@code #N 0xOFFSET in NAME} line per frame, with {@code at FILE:LINE} appended when a
 * {@link SourceLocator} knows the source position.
 */
final class TrapReport {
    /** Maps a frame to {@code FILE:LINE}, or {@code null}. The DWARF reader plugs in here. */
    @FunctionalInterface
    interface SourceLocator {
        SourceLocator NONE = frame -> null;

        String locate(WasmFrame frame);
    }

    private TrapReport() {
    }

    static List<String> lines(String program, Trap trap, SourceLocator locator) {
        List<String> out = new ArrayList<>();
        out.add("trapdoor: " + program + ": wasm trap: " + trap.getMessage());
        List<WasmFrame> stack = trap.stack();
        if (stack.isEmpty() && trap.funcIndex() >= 0) {
            // No unwound stack, but the trap knows where it happened: show that as the only frame.
            stack = List.of(new WasmFrame(trap.funcIndex(), null, trap.moduleOffset()));
        }
        for (int i = 0; i < stack.size(); i++) {
            out.add(frame(i, stack.get(i), locator));
        }
        return out;
    }

    static String frame(int n, WasmFrame f, SourceLocator locator) {
        String name = f.funcName() != null && !f.funcName().isEmpty() ? f.funcName() : "$" + f.funcIndex();
        String offset = f.moduleOffset() >= 0 ? String.format("0x%x", f.moduleOffset()) : "<host>";
        String line = "#" + n + " " + offset + " in " + name;
        String where = locator.locate(f);
        return where == null ? line : line + " at " + where;
    }
}
