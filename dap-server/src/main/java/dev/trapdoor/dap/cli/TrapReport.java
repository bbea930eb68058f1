package dev.trapdoor.dap.cli;

import dev.trapdoor.engine.dwarf.SourceFrame;
import dev.trapdoor.engine.dwarf.SourceMap;
import dev.trapdoor.engine.names.Demangle;
import dev.trapdoor.engine.trap.Trap;
import dev.trapdoor.engine.trap.WasmFrame;

import java.util.ArrayList;
import java.util.List;

/**
 * The text {@code trapdoor run} prints for a trap: a line with the trap's kind and detail, then the Wasm stack
 * innermost first, one {@code #N 0xOFFSET in NAME} line per frame, with {@code at FILE:LINE:COL} appended when a
 * {@link SourceLocator} knows the source position. A Wasm frame holding inlined calls becomes one line per source
 * frame, the inlined ones marked {@code [inlined]}. Source frames are named by their qualified name
 * ({@code inventory::Inventory::add}), or by the short one ({@code add}) when asked, as DAP frames are.
 */
final class TrapReport {
    /** Maps a Wasm frame to its source frames, innermost (inlined) first; empty when unknown. */
    @FunctionalInterface
    interface SourceLocator {
        SourceLocator NONE = frame -> List.of();

        List<SourceFrame> locate(WasmFrame frame);

        /** Source positions from the module's DWARF (nothing when it has none). */
        static SourceLocator of(SourceMap map) {
            return frame -> frame.moduleOffset() < 0 ? List.of() : map.inlinedChain(frame.moduleOffset());
        }
    }

    private TrapReport() {
    }

    static List<String> lines(String program, Trap trap, SourceLocator locator) {
        return lines(program, trap, locator, false);
    }

    static List<String> lines(String program, Trap trap, SourceLocator locator, boolean shortNames) {
        List<String> out = new ArrayList<>();
        out.add("trapdoor: " + program + ": wasm trap: " + trap.getMessage());
        List<WasmFrame> stack = trap.stack();
        if (stack.isEmpty() && trap.funcIndex() >= 0) {
            // No unwound stack, but the trap knows where it happened: show that as the only frame.
            stack = List.of(new WasmFrame(trap.funcIndex(), null, trap.moduleOffset()));
        }
        frames(out, stack, locator, shortNames);
        return out;
    }

    /** An uncaught Wasm exception, reported like a trap: the tag with its payload, then the stack of the throw. */
    static List<String> lines(String program, dev.trapdoor.engine.exec.WasmThrow ex, SourceLocator locator,
                              boolean shortNames) {
        List<String> out = new ArrayList<>();
        out.add("trapdoor: " + program + ": uncaught wasm exception: "
                + dev.trapdoor.dap.session.ExceptionText.tag(ex.tag().name())
                + dev.trapdoor.dap.session.ExceptionText.payload(ex.tag().type(), ex.payload()));
        frames(out, ex.frames(), locator, shortNames);
        return out;
    }

    private static void frames(List<String> out, List<WasmFrame> stack, SourceLocator locator, boolean shortNames) {
        int n = 0;
        for (WasmFrame f : stack) {
            String wasmName = f.funcName() != null && !f.funcName().isEmpty() ? Demangle.demangle(f.funcName())
                    : "$" + f.funcIndex();
            String offset = f.moduleOffset() >= 0 ? String.format("0x%x", f.moduleOffset()) : "<host>";
            List<SourceFrame> sources = locator.locate(f);
            if (sources.isEmpty()) {
                out.add("#" + n++ + " " + offset + " in " + wasmName);
                continue;
            }
            for (SourceFrame sf : sources) {
                String name = sf.function() == null || sf.function().equals("??") ? wasmName
                        : shortNames || sf.qualifiedFunction() == null ? sf.function() : sf.qualifiedFunction();
                boolean placed = sf.file() != null && sf.line() > 0;
                out.add("#" + n++ + " " + offset + " in " + name
                        + (placed ? " at " + sf.file() + ":" + sf.line() + (sf.column() > 0 ? ":" + sf.column() : "")
                        : "") + (sf.inlined() ? " [inlined]" : ""));
            }
        }
    }
}
