package dev.trapdoor.dap.handler;

import dev.trapdoor.dap.session.ExceptionFilters;
import dev.trapdoor.dap.session.ExceptionText;
import dev.trapdoor.dap.session.Program;
import dev.trapdoor.dap.session.Stop;
import dev.trapdoor.dap.session.TrapText;
import dev.trapdoor.engine.debug.DebugEvent;
import dev.trapdoor.engine.debug.DebugFrame;
import dev.trapdoor.engine.exec.Values;
import org.eclipse.lsp4j.debug.ExceptionBreakMode;
import org.eclipse.lsp4j.debug.ExceptionDetails;
import org.eclipse.lsp4j.debug.ExceptionInfoResponse;

import java.util.ArrayList;
import java.util.List;

/**
 * exceptionInfo at a Wasm exception: the filter that stopped (uncaught or any throw), the tag by name (name section
 * or export) with its payload, the Wasm stack, and one inner entry for the tag and one per payload value.
 */
final class ExceptionInfo {
    private ExceptionInfo() {
    }

    static ExceptionInfoResponse of(Stop stop, Program program) {
        DebugEvent.WasmException ex = stop.exception();
        ExceptionInfoResponse r = new ExceptionInfoResponse();
        r.setExceptionId(ex.caught() ? ExceptionFilters.THROWN : ExceptionFilters.UNCAUGHT);
        r.setDescription(ExceptionText.of(ex, program));
        r.setBreakMode(ex.caught() ? ExceptionBreakMode.ALWAYS : ExceptionBreakMode.UNHANDLED);
        ExceptionDetails d = new ExceptionDetails();
        d.setMessage(r.getDescription());
        d.setTypeName("Wasm exception");
        d.setFullTypeName("tag " + ExceptionText.tag(ex.tagName()) + " " + ex.tagType());
        StringBuilder stack = new StringBuilder();
        for (DebugFrame f : stop.frames()) {
            stack.append(TrapText.frame(f.moduleOffset(), f.functionName(), program.sourceMap())).append('\n');
        }
        d.setStackTrace(stack.toString());
        List<ExceptionDetails> fields = new ArrayList<>();
        fields.add(detail("tag", ExceptionText.tag(ex.tagName())));
        for (int i = 0; i < ex.tagType().paramCount() && i < ex.payload().length; i++) {
            fields.add(detail("payload[" + i + "]", Values.toString(ex.tagType().param(i), ex.payload()[i])));
        }
        d.setInnerException(fields.toArray(ExceptionDetails[]::new));
        r.setDetails(d);
        return r;
    }

    private static ExceptionDetails detail(String name, String value) {
        ExceptionDetails d = new ExceptionDetails();
        d.setTypeName(name);
        d.setMessage(value);
        return d;
    }
}
