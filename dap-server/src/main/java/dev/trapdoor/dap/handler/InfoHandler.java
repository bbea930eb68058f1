package dev.trapdoor.dap.handler;

import dev.trapdoor.dap.adapt.TrapFields;
import dev.trapdoor.dap.session.BoundedFiles;
import dev.trapdoor.dap.session.Failures;
import dev.trapdoor.dap.session.ExceptionFilters;
import dev.trapdoor.dap.session.ModuleInfo;
import dev.trapdoor.dap.session.Program;
import dev.trapdoor.dap.session.Session;
import dev.trapdoor.dap.session.Stop;
import dev.trapdoor.dap.session.TrapText;
import dev.trapdoor.engine.debug.DebugEvent;
import dev.trapdoor.engine.debug.DebugFrame;
import dev.trapdoor.engine.dwarf.SourceMap;
import org.eclipse.lsp4j.debug.ExceptionBreakMode;
import org.eclipse.lsp4j.debug.ExceptionDetails;
import org.eclipse.lsp4j.debug.ExceptionInfoResponse;
import org.eclipse.lsp4j.debug.LoadedSourcesResponse;
import org.eclipse.lsp4j.debug.Module;
import org.eclipse.lsp4j.debug.ModulesArguments;
import org.eclipse.lsp4j.debug.ModulesResponse;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.SourceArguments;
import org.eclipse.lsp4j.debug.SourceResponse;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** exceptionInfo, modules, loadedSources, source. */
public final class InfoHandler {
    /** A source file larger than this is not something an editor would show. */
    static final long MAX_SOURCE_BYTES = 64L << 20;

    private final Session session;

    public InfoHandler(Session session) {
        this.session = session;
    }

    /**
     * The trap being stopped at: its filter id, the message with the operands, and the structured detail as
     * {@code details}: the message, the detail's type, the Wasm stack, and one inner entry per detail field
     * ({@code typeName} the field, {@code message} its value).
     */
    public ExceptionInfoResponse exceptionInfo() {
        Stop stop = session.stop();
        if (stop.exception() != null) {
            return ExceptionInfo.of(stop, session.program());
        }
        DebugEvent.Trap trap = stop.trap();
        if (trap == null) {
            throw Failures.failure("exceptionInfo: the program is not stopped at a trap (it stopped for "
                    + stop.reason() + ")");
        }
        ExceptionInfoResponse r = new ExceptionInfoResponse();
        r.setExceptionId(ExceptionFilters.filterId(trap.kind()));
        String describe = trap.detail().describe();
        r.setDescription(trap.kind().message() + (describe.isEmpty() ? "" : ": " + describe));
        r.setBreakMode(ExceptionBreakMode.ALWAYS);
        ExceptionDetails d = new ExceptionDetails();
        d.setMessage(r.getDescription());
        d.setTypeName(trap.detail().getClass().getSimpleName());
        d.setFullTypeName(trap.detail().getClass().getName());
        StringBuilder stack = new StringBuilder();
        SourceMap map = session.program().sourceMap();
        for (DebugFrame f : stop.frames()) {
            stack.append(TrapText.frame(f.moduleOffset(), f.functionName(), map)).append('\n');
        }
        d.setStackTrace(stack.toString());
        List<ExceptionDetails> fields = new ArrayList<>();
        for (Map.Entry<String, String> e : TrapFields.of(trap.kind(), trap.detail()).entrySet()) {
            ExceptionDetails field = new ExceptionDetails();
            field.setTypeName(e.getKey());
            field.setMessage(e.getValue());
            fields.add(field);
        }
        d.setInnerException(fields.toArray(ExceptionDetails[]::new));
        r.setDetails(d);
        return r;
    }

    public ModulesResponse modules(ModulesArguments args) {
        ModulesResponse r = new ModulesResponse();
        Module m = ModuleInfo.module(session.program());
        boolean inPage = args == null || args.getStartModule() == null || args.getStartModule() == 0;
        r.setModules(inPage ? new Module[] {m} : new Module[0]);
        r.setTotalModules(1);
        return r;
    }

    public LoadedSourcesResponse loadedSources() {
        LoadedSourcesResponse r = new LoadedSourcesResponse();
        r.setSources(ModuleInfo.loadedSources(session.program()).toArray(Source[]::new));
        return r;
    }

    /** A function's disassembly for a {@code sourceReference}, or a file's text for a path. */
    public SourceResponse source(SourceArguments args) {
        Program program = session.program();
        Integer ref = args.getSource() != null && args.getSource().getSourceReference() != null
                ? args.getSource().getSourceReference() : args.getSourceReference();
        SourceResponse r = new SourceResponse();
        if (ref != null && ref > 0) {
            int func = program.sources().functionOfReference(ref);
            if (func < 0) {
                throw Failures.failure("source: reference " + ref + " is not a source of this program");
            }
            r.setContent(program.sources().disassemblyText(func));
            r.setMimeType("text/x-wasm");
            return r;
        }
        String path = args.getSource() == null ? null : args.getSource().getPath();
        if (path == null) {
            throw Failures.badArguments("source: needs a sourceReference or a path");
        }
        try {
            Path file = program.sources().localFile(path).orElse(Path.of(path));
            byte[] bytes = BoundedFiles.read(file, MAX_SOURCE_BYTES);
            r.setContent(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
            return r;
        } catch (IOException e) {
            throw Failures.failure("source: cannot read " + path + ": " + BoundedFiles.reason(e));
        }
    }
}
