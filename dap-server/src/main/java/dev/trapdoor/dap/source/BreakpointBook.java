package dev.trapdoor.dap.source;

import dev.trapdoor.engine.dwarf.BreakpointResolution;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.model.Export;
import dev.trapdoor.engine.model.ExternKind;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.names.Demangle;
import dev.trapdoor.engine.names.NameQuery;
import org.eclipse.lsp4j.debug.Breakpoint;
import org.eclipse.lsp4j.debug.BreakpointNotVerifiedReason;
import org.eclipse.lsp4j.debug.FunctionBreakpoint;
import org.eclipse.lsp4j.debug.InstructionBreakpoint;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.SourceBreakpoint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntPredicate;

/**
 * The client's breakpoints (by source line, function name, instruction) and where they are in the engine. Requests
 * may come before the program is loaded: entries then wait unverified, and {@link #bind} places them all when a
 * program arrives (again on restart), returning the ones whose state changed so the session can send
 * {@code breakpoint} events. Thread-safe: requests come through the session's serial executor, hits are looked up on
 * the engine thread.
 */
public final class BreakpointBook {
    private final Map<String, List<Request>> bySource = new LinkedHashMap<>();
    private List<Request> functions = List.of();
    private List<Request> instructions = List.of();
    /** The "All WASI calls" option: a breakpoint on every WASI import, or {@code null}. */
    private Request allWasiCalls;
    private final Map<Integer, BreakpointEntry> byEngineId = new HashMap<>();
    private CodeTarget target;
    private int nextId = 1;
    /** The function name of the "All WASI calls" entry. */
    private static final String ALL_WASI = "wasi_snapshot_preview1.*";

    /** What the client asked, kept to place it again on another program (restart). */
    private record Request(BreakpointEntry entry, Source source, int line, String function, String instruction,
                           int instructionOffset) {
    }

    public synchronized Breakpoint[] setSourceBreakpoints(Source source, SourceBreakpoint[] requested) {
        String key = key(source);
        for (Request old : bySource.getOrDefault(key, List.of())) {
            unplace(old.entry);
        }
        List<Request> list = new ArrayList<>();
        for (SourceBreakpoint sb : requested == null ? new SourceBreakpoint[0] : requested) {
            BreakpointEntry e = entry(BreakpointEntry.Kind.SOURCE, sb.getCondition(), sb.getHitCondition(),
                    sb.getLogMessage());
            e.dap.setSource(source);
            e.dap.setLine(sb.getLine());
            Request r = new Request(e, source, sb.getLine(), null, null, 0);
            list.add(r);
            place(r);
        }
        bySource.put(key, list);
        return daps(list);
    }

    public synchronized Breakpoint[] setFunctionBreakpoints(FunctionBreakpoint[] requested) {
        functions.forEach(r -> unplace(r.entry));
        List<Request> list = new ArrayList<>();
        for (FunctionBreakpoint fb : requested == null ? new FunctionBreakpoint[0] : requested) {
            BreakpointEntry e = entry(BreakpointEntry.Kind.FUNCTION, fb.getCondition(), fb.getHitCondition(), null);
            Request r = new Request(e, null, 0, fb.getName(), null, 0);
            list.add(r);
            place(r);
        }
        functions = list;
        return daps(list);
    }

    public synchronized Breakpoint[] setInstructionBreakpoints(InstructionBreakpoint[] requested) {
        instructions.forEach(r -> unplace(r.entry));
        List<Request> list = new ArrayList<>();
        for (InstructionBreakpoint ib : requested == null ? new InstructionBreakpoint[0] : requested) {
            BreakpointEntry e = entry(BreakpointEntry.Kind.INSTRUCTION, ib.getCondition(), ib.getHitCondition(),
                    null);
            Request r = new Request(e, null, 0, null, ib.getInstructionReference(),
                    ib.getOffset() == null ? 0 : ib.getOffset());
            list.add(r);
            place(r);
        }
        instructions = list;
        return daps(list);
    }

    /**
     * Turns the "All WASI calls" option on (stopping before every WASI call for which {@code condition} holds; empty
     * for always) or off ({@code null}).
     */
    public synchronized void setAllWasiCalls(String condition) {
        if (allWasiCalls != null) {
            unplace(allWasiCalls.entry);
            allWasiCalls = null;
        }
        if (condition != null) {
            BreakpointEntry e = entry(BreakpointEntry.Kind.FUNCTION, condition, null, null);
            e.internal = true;
            allWasiCalls = new Request(e, null, 0, ALL_WASI, null, 0);
            place(allWasiCalls);
        }
    }

    /** Places every breakpoint in a newly loaded program; returns the DAP breakpoints that changed. */
    public synchronized List<Breakpoint> bind(CodeTarget newTarget) {
        byEngineId.clear();
        all().forEach(r -> r.entry.placed.clear());
        target = newTarget;
        List<Breakpoint> changed = new ArrayList<>();
        for (Request r : all()) {
            place(r);
            if (r.entry.fromClient()) {
                changed.add(r.entry.dap);
            }
        }
        return changed;
    }

    /** The entry an engine breakpoint belongs to, or {@code null} for one no longer wanted. */
    public synchronized BreakpointEntry entryFor(int engineBreakpointId) {
        return byEngineId.get(engineBreakpointId);
    }

    /**
     * The engine breakpoint at a module offset, or {@code null}. The engine reports the first instruction of an
     * invocation as its entry event, even when a breakpoint is there, so the session asks here.
     */
    public synchronized dev.trapdoor.engine.debug.Breakpoint engineBreakpointAt(int moduleOffset) {
        for (BreakpointEntry e : byEngineId.values()) {
            for (dev.trapdoor.engine.debug.Breakpoint bp : e.placed) {
                if (bp.moduleOffset() == moduleOffset) {
                    return bp;
                }
            }
        }
        return null;
    }

    /** Removes every breakpoint from the engine (a detaching client leaves the program running free). */
    public synchronized void clear() {
        all().forEach(r -> unplace(r.entry));
        bySource.clear();
        functions = List.of();
        instructions = List.of();
        allWasiCalls = null;
    }

    private List<Request> all() {
        List<Request> all = new ArrayList<>();
        bySource.values().forEach(all::addAll);
        all.addAll(functions);
        all.addAll(instructions);
        if (allWasiCalls != null) {
            all.add(allWasiCalls);
        }
        return all;
    }

    private BreakpointEntry entry(BreakpointEntry.Kind kind, String condition, String hitCondition, String log) {
        Breakpoint dap = new Breakpoint();
        dap.setId(nextId++);
        dap.setVerified(false);
        IntPredicate hits = null;
        String problem = null;
        if (hitCondition != null && !hitCondition.isBlank()) {
            try {
                hits = HitCondition.parse(hitCondition);
            } catch (IllegalArgumentException e) {
                problem = e.getMessage();
            }
        }
        BreakpointEntry e = new BreakpointEntry(kind, dap, condition, hits, log);
        if (problem != null) {
            dap.setMessage(problem);
            dap.setReason(BreakpointNotVerifiedReason.FAILED);
        }
        return e;
    }

    private void place(Request r) {
        BreakpointEntry e = r.entry;
        Breakpoint dap = e.dap;
        if (dap.getReason() == BreakpointNotVerifiedReason.FAILED && dap.getMessage() != null
                && dap.getMessage().startsWith("hit condition")) {
            return; // an unusable hit condition: never placed, the message says why
        }
        if (target == null) {
            dap.setVerified(false);
            dap.setReason(BreakpointNotVerifiedReason.PENDING);
            dap.setMessage("the program is not loaded yet");
            return;
        }
        dap.setReason((BreakpointNotVerifiedReason) null);
        dap.setMessage(null);
        try {
            switch (e.kind) {
                case SOURCE -> placeSource(r);
                case FUNCTION -> placeFunction(r);
                case INSTRUCTION -> placeInstruction(r);
            }
        } catch (IllegalArgumentException notCode) {
            fail(dap, notCode.getMessage());
        }
    }

    private void placeSource(Request r) {
        Breakpoint dap = r.entry.dap;
        Source source = r.source;
        if (source.getSourceReference() != null && source.getSourceReference() > 0) {
            int func = target.sources().functionOfReference(source.getSourceReference());
            int offset = func < 0 ? -1 : target.sources().disassemblyOffset(func, r.line);
            if (offset < 0) {
                fail(dap, "no instruction on line " + r.line + " of this disassembly");
                return;
            }
            add(r.entry, offset);
            dap.setVerified(true);
            dap.setLine(target.sources().disassemblyLine(func, r.entry.placed.get(0).moduleOffset()));
            dap.setInstructionReference(target.references().format(r.entry.placed.get(0).moduleOffset()));
            return;
        }
        if (!target.sourceMap().hasDwarf()) {
            fail(dap, "the module has no DWARF line information; use function or instruction breakpoints");
            return;
        }
        BreakpointResolution res = target.sourceMap().resolve(source.getPath(), r.line);
        if (!res.resolved()) {
            fail(dap, res.reason() != null ? res.reason()
                    : "no code at or after line " + r.line + " of " + source.getPath());
            return;
        }
        for (int offset : res.moduleOffsets()) {
            add(r.entry, offset);
        }
        dap.setVerified(true);
        dap.setLine(res.line());
        dap.setInstructionReference(target.references().format(r.entry.placed.get(0).moduleOffset()));
        if (res.moved()) {
            dap.setMessage("moved from line " + r.line + " (no code there) to line " + res.line());
        }
    }

    private void placeFunction(Request r) {
        Breakpoint dap = r.entry.dap;
        Optional<Integer> func = r.entry.internal ? Optional.empty() : findFunction(target, r.function);
        if (func.isEmpty() && placeOnImportCalls(r)) {
            return;
        }
        if (func.isEmpty()) {
            fail(dap, "no function named '" + r.function + "' in the module");
            return;
        }
        dev.trapdoor.engine.debug.Breakpoint bp = target.debugger().addFunctionBreakpoint(target.instance(),
                func.get());
        register(r.entry, bp);
        verifiedAt(dap, bp.moduleOffset(), func.get());
    }

    /**
     * An imported function (a WASI call, a host import): breakpoints on its direct call sites and on the
     * {@code call_indirect}s of its type, which stop only when the table element they call is the import.
     */
    private boolean placeOnImportCalls(Request r) {
        String name = r.function == null ? "" : r.function.trim();
        WasmModule module = target.instance().module();
        java.util.Set<Integer> imports = name.equals(ALL_WASI)
                ? ImportCallSites.wasiImports(module) : ImportCallSites.imports(module, name);
        if (imports.isEmpty()) {
            return name.equals(ALL_WASI);
        }
        List<Integer> direct = ImportCallSites.callSites(target.disassembly(), imports);
        List<Integer> indirect = ImportCallSites.indirectCallSites(target.disassembly(), module, imports);
        r.entry.importCallees = imports;
        if (direct.isEmpty() && indirect.isEmpty()) {
            fail(r.entry.dap, "'" + name + "' is imported but never called");
            return true;
        }
        direct.forEach(offset -> add(r.entry, offset));
        indirect.forEach(offset -> add(r.entry, offset));
        int first = direct.isEmpty() ? indirect.get(0) : direct.get(0);
        verifiedAt(r.entry.dap, first, target.disassembly().functionAt(first));
        r.entry.dap.setMessage("stops before each of the " + direct.size() + " direct calls to the import '" + name
                + "'" + (indirect.isEmpty() ? "" : " and at " + indirect.size()
                + " call_indirect sites when they call it"));
        return true;
    }

    private void placeInstruction(Request r) {
        int offset = target.references().parse(r.instruction) + r.instructionOffset;
        // The function runs exactly from now on, so the breakpoint stops at this very instruction.
        dev.trapdoor.engine.debug.Breakpoint bp = target.debugger().addInstructionBreakpoint(target.instance(),
                offset);
        register(r.entry, bp);
        verifiedAt(r.entry.dap, bp.moduleOffset(), target.disassembly().functionAt(bp.moduleOffset()));
    }

    private void verifiedAt(Breakpoint dap, int moduleOffset, int funcIndex) {
        dap.setVerified(true);
        dap.setInstructionReference(target.references().format(moduleOffset));
        SourceLocator.Position p = target.sources().position(moduleOffset, funcIndex);
        dap.setSource(p.source());
        dap.setLine(p.line());
    }

    /**
     * A defined function by name: the name section's or DWARF's name, an export name, or {@code $N} for index N.
     */
    public static Optional<Integer> findFunction(CodeTarget target, String name) {
        Instance instance = target.instance();
        WasmModule module = instance.module();
        int imported = module.importedFunctionCount();
        String n = name == null ? "" : name.trim();
        if (n.matches("\\$\\d+")) {
            int index = Integer.parseInt(n.substring(1));
            return index >= imported && index < module.functionCount() ? Optional.of(index) : Optional.empty();
        }
        for (int i = imported; i < module.functionCount(); i++) {
            if (n.equals(instance.functionName(i))) {
                return Optional.of(i);
            }
        }
        for (Export e : module.exports()) {
            if (e.kind() == ExternKind.FUNC && e.name().equals(n) && e.index() >= imported) {
                return Optional.of(e.index());
            }
        }
        for (int i = imported; i < module.functionCount(); i++) {
            Optional<String> dwarf = target.sourceMap().functionName(module.body(i).bodyOffset());
            if (dwarf.isPresent() && dwarf.get().equals(n)) {
                return Optional.of(i);
            }
        }
        // A mangled name-section symbol by its demangled name or a trailing part of it ("Inventory::add").
        for (int i = imported; i < module.functionCount(); i++) {
            String symbol = instance.functionName(i);
            if (Demangle.isMangled(symbol) && NameQuery.matches(Demangle.demangle(symbol), n)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    private dev.trapdoor.engine.debug.Breakpoint add(BreakpointEntry e, int moduleOffset) {
        dev.trapdoor.engine.debug.Breakpoint bp = target.debugger().addBreakpoint(target.instance(), moduleOffset);
        register(e, bp);
        return bp;
    }

    private void register(BreakpointEntry e, dev.trapdoor.engine.debug.Breakpoint bp) {
        e.placed.add(bp);
        byEngineId.put(bp.id(), e);
    }

    private void unplace(BreakpointEntry e) {
        for (dev.trapdoor.engine.debug.Breakpoint bp : e.placed) {
            byEngineId.remove(bp.id());
            if (target != null) {
                target.debugger().removeBreakpoint(bp);
            }
        }
        e.placed.clear();
    }

    private static void fail(Breakpoint dap, String message) {
        dap.setVerified(false);
        dap.setReason(BreakpointNotVerifiedReason.FAILED);
        dap.setMessage(message);
    }

    private static Breakpoint[] daps(List<Request> list) {
        return list.stream().map(r -> r.entry.dap).toArray(Breakpoint[]::new);
    }

    private static String key(Source source) {
        if (source.getSourceReference() != null && source.getSourceReference() > 0) {
            return "ref:" + source.getSourceReference();
        }
        return "path:" + source.getPath();
    }
}
