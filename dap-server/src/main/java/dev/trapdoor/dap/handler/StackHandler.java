package dev.trapdoor.dap.handler;

import dev.trapdoor.dap.adapt.HostCallScope;
import dev.trapdoor.dap.adapt.InfoVariables;
import dev.trapdoor.dap.adapt.TrapFields;
import dev.trapdoor.dap.adapt.VariableContainer;
import dev.trapdoor.dap.adapt.WasmScopes;
import dev.trapdoor.dap.session.Program;
import dev.trapdoor.dap.session.Session;
import dev.trapdoor.dap.session.Stop;
import dev.trapdoor.dap.source.FrameAt;
import dev.trapdoor.dap.source.SourceLocator;
import dev.trapdoor.dap.source.SourceVariablesProvider;
import dev.trapdoor.engine.debug.DebugEvent;
import dev.trapdoor.engine.debug.DebugFrame;
import dev.trapdoor.engine.dwarf.SourceFrame;
import dev.trapdoor.engine.names.Demangle;
import org.eclipse.lsp4j.debug.Scope;
import org.eclipse.lsp4j.debug.ScopesArguments;
import org.eclipse.lsp4j.debug.ScopesResponse;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StackFramePresentationHint;
import org.eclipse.lsp4j.debug.StackTraceArguments;
import org.eclipse.lsp4j.debug.StackTraceResponse;
import org.eclipse.lsp4j.debug.Thread;
import org.eclipse.lsp4j.debug.ThreadsResponse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * threads, stackTrace, scopes. With DWARF each Wasm frame becomes its inlined chain of source frames (innermost
 * first, the inlined ones marked); without, one frame per Wasm function shown in its disassembly source. Every frame
 * carries its {@code instructionPointerReference} for the disassembly view.
 */
public final class StackHandler {
    static final int THREAD_ID = 1;

    private final Session session;

    public StackHandler(Session session) {
        this.session = session;
    }

    public ThreadsResponse threads() {
        Thread t = new Thread();
        t.setId(THREAD_ID);
        String name = "main";
        try {
            name = "main (" + Path.of(session.program().path()).getFileName() + ")";
        } catch (RuntimeException noProgramYet) {
            // clients ask for threads early; the one thread exists either way
        }
        t.setName(name);
        ThreadsResponse r = new ThreadsResponse();
        r.setThreads(new Thread[] {t});
        return r;
    }

    /**
     * The frames in the requested page ({@code startFrame}, {@code levels}), and the total. Only the page's frames
     * are built, and the rest are only counted, so a page of a call-stack-exhausted trap's 100,000s of frames costs
     * no more than one pass over the Wasm frames. Source lookups (tens of microseconds each) are made once per pc:
     * a deep stack is a few call sites repeated.
     */
    public StackTraceResponse stackTrace(StackTraceArguments args) {
        Stop stop = session.stop();
        Program program = session.program();
        long start = args.getStartFrame() == null ? 0 : Math.max(0, args.getStartFrame());
        long end = args.getLevels() == null || args.getLevels() <= 0 ? Long.MAX_VALUE : start + args.getLevels();
        List<StackFrame> page = new ArrayList<>();
        List<DebugFrame> frames = stop.frames();
        long total = 0;
        SourceLocator sources = program.sources();
        Map<Long, SourceLocator.Position> positions = new HashMap<>();
        for (int w = 0; w < frames.size(); w++) {
            DebugFrame f = frames.get(w);
            int pc = f.moduleOffset();
            List<SourceFrame> chain = InlinedChains.at(program.sourceMap(), pc);
            int n = Math.max(1, chain.size());
            for (int k = 0; k < n; k++, total++) {
                if (total < start || total >= end) {
                    continue;
                }
                long key = (long) pc << 32 | k;
                int id = stop.frameId((int) total, new Stop.FrameRef(w, k));
                String reference = program.references().format(pc);
                if (chain.isEmpty()) {
                    page.add(frame(id, Demangle.demangle(f.functionName()),
                            positions.computeIfAbsent(key, x -> sources.position(pc, f.funcIndex())), reference,
                            false));
                    continue;
                }
                SourceFrame sf = chain.get(k);
                SourceLocator.Position pos = positions.computeIfAbsent(key, x -> sources.position(sf.file(),
                        sf.line(), sf.column(), pc, f.funcIndex()));
                String name = "??".equals(sf.function()) ? Demangle.demangle(f.functionName())
                        : program.shortFunctionNames() ? sf.function() : sf.qualifiedFunction();
                page.add(frame(id, name, pos, reference, sf.inlined()));
            }
        }
        StackTraceResponse r = new StackTraceResponse();
        r.setStackFrames(page.toArray(StackFrame[]::new));
        r.setTotalFrames((int) Math.min(Integer.MAX_VALUE, total));
        return r;
    }

    private static StackFrame frame(int id, String name, SourceLocator.Position pos, String pc, boolean inlined) {
        StackFrame f = new StackFrame();
        f.setId(id);
        f.setName(inlined ? name + " [inlined]" : name);
        f.setSource(pos.source());
        f.setLine(pos.line());
        f.setColumn(pos.column());
        f.setInstructionPointerReference(pc);
        f.setModuleId(0);
        if (pos.source().getSourceReference() != null && pos.source().getSourceReference() > 0) {
            f.setPresentationHint(StackFramePresentationHint.SUBTLE);
        }
        return f;
    }

    public ScopesResponse scopes(ScopesArguments args) {
        Stop stop = session.stop();
        Program program = session.program();
        Stop.FrameRef ref = stop.frame(args.getFrameId());
        DebugFrame f = stop.frames().get(ref.wasmIndex());
        List<Scope> out = new ArrayList<>();
        List<SourceVariablesProvider.NamedScope> source = session.sourceVariables().scopes(new FrameAt(f,
                ref.inlineDepth(), program.instance(), program.sourceMap()));
        for (SourceVariablesProvider.NamedScope s : source) {
            out.add(scope(s.name(), s.presentationHint(), stop, s.container()));
        }
        DebugEvent.Trap trap = stop.trap();
        if (trap != null && ref.wasmIndex() == 0) {
            out.add(scope("Trap", null, stop, new InfoVariables(() -> TrapFields.of(trap.kind(), trap.detail()))));
        }
        if (ref.wasmIndex() == 0) {
            // Stopped before a call to an import (a function breakpoint on fd_write, say): the call, decoded.
            program.hostCallAt(f).ifPresent(call -> out.add(scope(call.isWasi() ? "WASI call" : "Host call", null,
                    stop, new InfoVariables(() -> HostCallScope.before(call, program.instance())))));
            Map<String, String> result = stop.hostResult();
            if (result != null) {
                out.add(scope(result.get("function").startsWith("wasi_") ? "WASI result" : "Host result", null,
                        stop, new InfoVariables(() -> result)));
            }
        }
        out.add(scope("Wasm Locals", source.isEmpty() ? "locals" : null, stop,
                WasmScopes.locals(f, program.instance())));
        out.add(scope("Operand Stack", null, stop, WasmScopes.stack(f, program.instance())));
        // With C scopes, "Globals" is the C one; the Wasm globals are named like the Wasm locals.
        out.add(scope(source.isEmpty() ? "Globals" : "Wasm Globals", null, stop,
                WasmScopes.globals(program.instance())));
        out.add(scope("Module", "registers", stop, WasmScopes.module(program.instance(), f, program.path(),
                program.sourceMap().hasDwarf())));
        ScopesResponse r = new ScopesResponse();
        r.setScopes(out.toArray(Scope[]::new));
        return r;
    }

    private static Scope scope(String name, String hint, Stop stop, VariableContainer container) {
        Scope s = new Scope();
        s.setName(name);
        s.setPresentationHint(hint);
        s.setVariablesReference(stop.refs().add(container));
        s.setExpensive(false);
        return s;
    }
}
