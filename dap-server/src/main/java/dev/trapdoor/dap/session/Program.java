package dev.trapdoor.dap.session;

import dev.trapdoor.dap.adapt.InstructionReferences;
import dev.trapdoor.dap.source.CodeTarget;
import dev.trapdoor.dap.source.DisassemblyIndex;
import dev.trapdoor.dap.source.SourceLocator;
import dev.trapdoor.dap.source.UserCode;
import dev.trapdoor.engine.debug.Breakpoint;
import dev.trapdoor.engine.dwarf.PathMapping;
import dev.trapdoor.engine.dwarf.SourceMap;
import dev.trapdoor.engine.exec.Debugger;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.names.Demangle;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.ArrayList;
import java.util.List;

/**
 * A loaded, instantiated program: the instance, its debugger, and the source-level views of its module. In launch
 * mode it also knows how to run ({@link #entry}); in attach mode the embedding application runs it.
 */
public final class Program implements CodeTarget {
    /** Runs the program to its end and returns its exit code; throws what the engine throws. */
    @FunctionalInterface
    public interface Entry {
        int run();
    }

    private final String path;
    private final Instance instance;
    private final SourceMap sourceMap;
    private final DisassemblyIndex disassembly;
    private final InstructionReferences references;
    private final SourceLocator sources;
    private final UserCode userCode;
    private final Entry entry;
    private volatile boolean shortFunctionNames;
    private volatile WasiReturns wasiReturns;
    private volatile boolean justMyCode = true;
    private final Runnable flushOutput;
    private final Map<Integer, Integer> firstStops = new ConcurrentHashMap<>();
    private volatile PostMortem postMortem;

    public Program(String path, Instance instance, PathMapping paths, List<Path> sourceRoots, Entry entry,
                   Runnable flushOutput) {
        this(path, instance, paths, null, sourceRoots, entry, flushOutput);
    }

    /** @param textMap the program's source map when not its DWARF's (a {@code .wat} program's), else {@code null} */
    public Program(String path, Instance instance, PathMapping paths, SourceMap textMap, List<Path> sourceRoots,
                   Entry entry, Runnable flushOutput) {
        this.path = path;
        this.instance = instance;
        this.sourceMap = textMap != null ? textMap : SharedSources.sourceMap(instance.module(), paths);
        this.disassembly = SharedSources.disassembly(instance.module());
        this.references = InstructionReferences.of(instance.module().bytes());
        this.sources = new SourceLocator(instance.module(), this.sourceMap, sourceRoots, disassembly,
                i -> Demangle.demangle(instance.functionName(i)));
        this.userCode = new UserCode(this.sources, sourceRoots);
        this.entry = entry;
        this.flushOutput = flushOutput;
        this.wasiReturns = new WasiReturns();
        if (instance.store() != null) { // null only for a mocked instance
            instance.store().addHostCallListener((caller, callee, args, results) -> {
                WasiReturns returns = wasiReturns;
                if (returns != null) {
                    returns.recordHost(caller, callee, results);
                }
            });
        }
    }

    /** Whether frames show DW_AT_name ({@code area}) rather than the qualified name ({@code geo::Rect::area}). */
    public boolean shortFunctionNames() {
        return shortFunctionNames;
    }

    public void useShortFunctionNames(boolean shortNames) {
        this.shortFunctionNames = shortNames;
    }

    /** Whether step-in steps over library code, {@link #userCode} (on unless a launch turns it off). */
    public boolean justMyCode() {
        return justMyCode;
    }

    public void useJustMyCode(boolean on) {
        this.justMyCode = on;
    }

    /** Roots for relative DWARF paths: the working directory, then the program's directory and its ancestors. */
    public static List<Path> sourceRoots(Path cwd, Path program) {
        List<Path> roots = new ArrayList<>();
        roots.add(cwd);
        for (Path p = program.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
            roots.add(p);
        }
        return roots;
    }

    public String path() {
        return path;
    }

    @Override
    public Instance instance() {
        return instance;
    }

    @Override
    public Debugger debugger() {
        return instance.store().debugger();
    }

    @Override
    public SourceMap sourceMap() {
        return sourceMap;
    }

    @Override
    public SourceLocator sources() {
        return sources;
    }

    /** Which source files are the program's own, for justMyCode. */
    public UserCode userCode() {
        return userCode;
    }

    @Override
    public DisassemblyIndex disassembly() {
        return disassembly;
    }

    @Override
    public InstructionReferences references() {
        return references;
    }

    /**
     * Where the engine would first stop at or after a module offset, or -1. Asked of the engine (where a breakpoint
     * there would go): it slips breakpoints past instructions it never stops on, and it is the only one that knows
     * which those are (its translator folds some instructions into others).
     */
    public int firstStop(int moduleOffset) {
        return firstStops.computeIfAbsent(moduleOffset, offset -> {
            try {
                if (QUERY_FIRST_STOP) {
                    return debugger().breakpointOffset(instance, offset);
                }
                Breakpoint probe = debugger().addBreakpoint(instance, offset);
                debugger().removeBreakpoint(probe);
                return probe.moduleOffset();
            } catch (IllegalArgumentException noCode) {
                return -1;
            }
        });
    }

    /**
     * Whether {@link #firstStop} asks the engine where a breakpoint would go rather than adding and removing one (which
     * dropped the function's compiled code and copied its code, per session, at each new line a step lands on);
     * {@code -Dtrapdoor.dap.queryFirstStop=false} probes as before.
     */
    static final boolean QUERY_FIRST_STOP = !"false".equals(System.getProperty("trapdoor.dap.queryFirstStop"));

    /** The last host call that returned (and WASI call, as the program's WASI tells it, unless attached). */
    public WasiReturns wasiReturns() {
        return wasiReturns;
    }

    void wasiReturns(WasiReturns returns) {
        this.wasiReturns = returns;
    }

    /** The call to an imported function the frame is stopped on (directly or through a table), or empty. */
    public java.util.Optional<dev.trapdoor.dap.adapt.HostCallSite> hostCallAt(dev.trapdoor.engine.debug.DebugFrame f) {
        return dev.trapdoor.dap.adapt.HostCallSite.at(f, instance, disassembly.textAt(f.moduleOffset()));
    }

    /** The coredump this program shows instead of running, or {@code null}. */
    public PostMortem postMortem() {
        return postMortem;
    }

    void postMortem(PostMortem dump) {
        this.postMortem = dump;
    }

    /** How to run it, or {@code null} when the embedding application runs it (attach). */
    public Entry entry() {
        return entry;
    }

    public void flushOutput() {
        if (flushOutput != null) {
            flushOutput.run();
        }
    }

    /** The instruction at or before {@code moduleOffset} as the disassembly shows it, a call naming its callee. */
    String instructionText(int moduleOffset) {
        var d = disassembly();
        int i = d.indexAtOrBefore(moduleOffset);
        String text = i < 0 ? "?" : d.all().get(i).text();
        var call = java.util.regex.Pattern.compile("call (\\d+)").matcher(text);
        return call.matches() ? text + " (" + instance().functionName(Integer.parseInt(call.group(1))) + ")" : text;
    }
}
