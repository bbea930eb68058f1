package dev.trapdoor.engine.dwarf;

import dev.trapdoor.engine.binary.NameSectionReader;
import dev.trapdoor.engine.model.CodeOffsets;
import dev.trapdoor.engine.model.FunctionBody;
import dev.trapdoor.engine.model.Names;
import dev.trapdoor.engine.model.WasmModule;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Source-level answers about a module's code, from its DWARF, and from its name section where DWARF says nothing.
 * All positions in and out are module offsets.
 *
 * <p>{@link #of} reads nothing: the unit index, the line table and each unit's DIE tree are read on the first query
 * that needs them and then kept. Damaged debug info never escapes as an exception: the damaged part is dropped,
 * {@link #warnings()} says what happened, and queries answer from what remains (possibly nothing). Thread-safe.
 */
public final class SourceMap {
    private static final String UNKNOWN_FUNCTION = "??";

    private final WasmModule module;
    private final CodeOffsets code;
    private final PathMapping paths;
    private final DwarfContext context;
    private UnitIndex units;
    private LineTable lines;
    private Map<Long, Map<Integer, Integer>> fileIds;
    private Names names;
    private SourceVariables variables;

    /** Text-format positions standing in for DWARF's line table, or {@code null}. */
    private final TextLines text;

    private SourceMap(WasmModule module, PathMapping paths, TextLines text) {
        this.module = module;
        this.text = text;
        this.code = CodeOffsets.of(module);
        this.paths = paths;
        this.context = new DwarfContext(new DwarfSections(module), code);
    }

    public static SourceMap of(WasmModule module) {
        return of(module, PathMapping.NONE);
    }

    public static SourceMap of(WasmModule module, PathMapping paths) {
        return new SourceMap(module, paths, null);
    }

    /** For a module compiled from the text format: its lines are the text's, its function names the name section's. */
    public static SourceMap of(WasmModule module, TextLines text) {
        return new SourceMap(module, PathMapping.NONE, text);
    }

    /** Whether there are source lines: DWARF line or debug info (section names only), or text-format positions. */
    public boolean hasDwarf() {
        return text != null || context.sections.hasDebugInfo();
    }

    /** Problems met in the debug info read so far; reading happens on queries, so ask after them. */
    public List<String> warnings() {
        return context.warnings.list();
    }

    /** All {@link #warnings()} in one line, or empty when there were none. */
    public Optional<String> warning() {
        List<String> all = warnings();
        return all.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", all));
    }

    /** The name section's names (module, functions, locals), for Wasm-level views and modules without DWARF. */
    public synchronized Names names() {
        if (names == null) {
            names = NameSectionReader.read(module);
        }
        return names;
    }

    /** The source location in effect at a module offset. */
    public Optional<SourceLocation> locate(int moduleOffset) {
        return guard(() -> {
            int row = rowAt(moduleOffset);
            return row < 0 ? Optional.<SourceLocation>empty() : Optional.ofNullable(locationOf(row));
        }, Optional.empty());
    }

    /**
     * The frames at a module offset, innermost first: the function whose code is there, then each function it was
     * inlined into, ending with the real Wasm function. One frame when nothing was inlined; empty without source info.
     */
    public List<SourceFrame> inlinedChain(int moduleOffset) {
        return guard(() -> chain(moduleOffset), List.of());
    }

    private List<SourceFrame> chain(int moduleOffset) {
        long codeOffset = code.toCodeOffset(moduleOffset);
        SourceLocation here = locate(moduleOffset).orElse(null);
        if (codeOffset < 0) {
            return List.of();
        }
        for (CompileUnit unit : unitsAt(codeOffset)) {
            ScopeTree tree = unit.scopes();
            List<Scope> scopes = tree.chainAt(codeOffset);
            if (scopes.isEmpty()) {
                continue;
            }
            List<SourceFrame> frames = new ArrayList<>();
            for (int k = scopes.size() - 1; k >= 0; k--) {
                String name = orUnknown(tree.nameOf(scopes.get(k).dieOffset()));
                String qualified = qualifiedName(unit, scopes.get(k).dieOffset(), name);
                boolean inlined = k > 0;
                if (k == scopes.size() - 1) {
                    frames.add(here == null
                            ? new SourceFrame(name, null, 0, 0, inlined, qualified)
                            : new SourceFrame(name, here.file(), here.line(), here.column(), inlined, qualified));
                } else {
                    Scope call = scopes.get(k + 1);
                    frames.add(new SourceFrame(name, callFile(unit, call.callFile()), call.callLine(),
                            call.callColumn(), inlined, qualified));
                }
            }
            return List.copyOf(frames);
        }
        if (here == null) {
            return List.of();
        }
        return List.of(new SourceFrame(nameSectionName(moduleOffset).orElse(UNKNOWN_FUNCTION), here.file(),
                here.line(), here.column(), false));
    }

    /** A DIE's qualified name, or {@code otherwise} when the DIE tree does not name it (damage, or no name). */
    private static String qualifiedName(CompileUnit unit, long dieOffset, String otherwise) {
        String q = QualifiedNames.of(unit, dieOffset);
        return q == null ? otherwise : q;
    }

    /**
     * The qualified name ({@code geo::Rect::area}) of the (real, not inlined) function whose code holds a module
     * offset, built from the DIE tree; else the name section's name for the Wasm function there.
     */
    public Optional<String> qualifiedFunctionName(int moduleOffset) {
        return guard(() -> {
            long codeOffset = code.toCodeOffset(moduleOffset);
            if (codeOffset >= 0) {
                for (CompileUnit unit : unitsAt(codeOffset)) {
                    List<Scope> scopes = unit.scopes().chainAt(codeOffset);
                    if (!scopes.isEmpty()) {
                        String name = QualifiedNames.of(unit, scopes.get(0).dieOffset());
                        if (name != null) {
                            return Optional.of(name);
                        }
                    }
                }
            }
            return nameSectionName(moduleOffset);
        }, Optional.empty());
    }

    /**
     * The name of the (real, not inlined) function whose code holds a module offset: DW_AT_name of its
     * DW_TAG_subprogram, else the name section's name for the Wasm function there.
     */
    public Optional<String> functionName(int moduleOffset) {
        return guard(() -> {
            long codeOffset = code.toCodeOffset(moduleOffset);
            if (codeOffset >= 0) {
                for (CompileUnit unit : unitsAt(codeOffset)) {
                    ScopeTree tree = unit.scopes();
                    List<Scope> scopes = tree.chainAt(codeOffset);
                    if (!scopes.isEmpty()) {
                        String name = tree.nameOf(scopes.get(0).dieOffset());
                        if (name != null) {
                            return Optional.of(name);
                        }
                    }
                }
            }
            return nameSectionName(moduleOffset);
        }, Optional.empty());
    }

    /**
     * Where a breakpoint on {@code file:line} goes: the start of each run of rows on that line that begins a
     * statement ({@code is_stmt}), or, when the line has none, those of the next line of the same file that does.
     * {@code file} may be a full path, a path suffix or a base name, local or build path; the files sharing the most
     * trailing path segments with it are taken.
     */
    public BreakpointResolution resolve(String file, int line) {
        return guard(() -> breakpoint(file, line), BreakpointResolution.unresolved(file, line));
    }

    private BreakpointResolution breakpoint(String file, int line) {
        LineTable table = lines();
        List<SourceFile> files = table.sourceFiles();
        boolean[] matches = new boolean[files.size()];
        int[] scores = new int[files.size()];
        int best = 0;
        String matchedPath = null;
        for (int i = 0; i < files.size(); i++) {
            String build = files.get(i).path();
            scores[i] = Math.max(FileMatcher.score(file, build), FileMatcher.score(file, paths.toLocal(build)));
            best = Math.max(best, scores[i]);
        }
        for (int i = 0; i < files.size() && best > 0; i++) {
            if (scores[i] == best) {
                matches[i] = true;
                matchedPath = matchedPath == null ? paths.toLocal(files.get(i).path()) : matchedPath;
            }
        }
        if (matchedPath == null) {
            return lineTableWarning().map(w -> BreakpointResolution.unresolved(file, line, w))
                    .orElseGet(() -> BreakpointResolution.unresolved(file, line));
        }
        int target = Integer.MAX_VALUE;
        for (int row = 0; row < table.size(); row++) {
            int l = table.line(row);
            if (onFile(table, row, matches) && table.isStmt(row) && !table.endsSequence(row) && l >= line
                    && l < target) {
                target = l;
            }
        }
        if (target == Integer.MAX_VALUE) {
            String path = matchedPath;
            return lineTableWarning().map(w -> BreakpointResolution.unresolved(path, line, w))
                    .orElseGet(() -> BreakpointResolution.unresolved(path, line));
        }
        TreeSet<Integer> offsets = new TreeSet<>();
        int otherFunctions = 0;
        for (int row = 0; row < table.size(); row++) {
            if (!onFile(table, row, matches) || table.line(row) != target || !table.isStmt(row)
                    || table.endsSequence(row)) {
                continue;
            }
            if (target > line && FunctionLines.startsAfter(this, table.codeOffset(row), line)) {
                otherFunctions++; // moving on would leave the line's function: its code was removed or inlined away
                continue;
            }
            // A line's later rows in the same run (other columns of one statement) would stop the program twice.
            boolean continuesRun = row > table.sequenceStart(row) && table.line(row - 1) == target
                    && table.file(row - 1) == table.file(row);
            int moduleOffset = code.toModuleOffset(table.codeOffset(row));
            if (!continuesRun && moduleOffset >= 0) {
                offsets.add(moduleOffset);
            }
        }
        onePerFunction(offsets);
        if (offsets.isEmpty() && otherFunctions > 0) {
            return BreakpointResolution.unresolved(matchedPath, line, "no code for line " + line + " (its function"
                    + " was removed by the linker as unused, or inlined and optimized away); the next line with"
                    + " code, " + target + ", is in another function");
        }
        return new BreakpointResolution(matchedPath, line, target, new ArrayList<>(offsets));
    }

    /**
     * Keeps the first offset of the line in each function and each inlined copy: a line whose code is split by
     * other lines' code, compiler-made code (line 0) or inlined calls has several runs of rows, and a breakpoint on
     * each would stop several times for one execution of the line.
     */
    private void onePerFunction(TreeSet<Integer> offsets) {
        if (offsets.size() < 2) {
            return; // nothing to choose from: the DIE trees stay unread
        }
        java.util.Set<Scope> seen = new java.util.HashSet<>();
        java.util.Iterator<Integer> it = offsets.iterator();
        while (it.hasNext()) {
            int moduleOffset = it.next();
            Scope scope = innermostScope(code.toCodeOffset(moduleOffset), new CompileUnit[1]);
            if (scope != null && !seen.add(scope)) {
                it.remove();
            }
        }
    }

    /**
     * Why no source line can map to code, when the module has debug sections but its line tables have no rows: the
     * usual cause is wasm-opt run after linking (clang runs it for an optimized compile-and-link in one step when
     * wasm-opt is on PATH), which drops the line tables. Empty when the line tables have rows or there is no DWARF.
     */
    public Optional<String> lineTableWarning() {
        return guard(() -> {
            if (!hasDwarf()) {
                return Optional.<String>empty();
            }
            LineTable table = lines();
            for (int row = 0; row < table.size(); row++) {
                if (!table.endsSequence(row)) {
                    return Optional.<String>empty();
                }
            }
            return Optional.of("the module has DWARF debug info but its line tables are empty, so no source line"
                    + " maps to code and source breakpoints cannot be placed; the likely cause is wasm-opt run"
                    + " after linking (clang runs it for an optimized compile and link in one step when wasm-opt is"
                    + " on PATH): compile with -c and link in a separate step, or keep wasm-opt off PATH");
        }, Optional.empty());
    }

    /** The innermost function (inlined or not) whose code holds a code offset: its unit and DIE offset; or null. */
    Scope innermostScope(long codeOffset, CompileUnit[] unitOut) {
        for (CompileUnit unit : unitsAt(codeOffset)) {
            List<Scope> chain = unit.scopes().chainAt(codeOffset);
            if (!chain.isEmpty()) {
                unitOut[0] = unit;
                return chain.get(chain.size() - 1);
            }
        }
        return null;
    }

    private static boolean onFile(LineTable table, int row, boolean[] matches) {
        int f = table.file(row);
        return f >= 0 && matches[f];
    }

    /**
     * The module-offset ranges of the line being executed at a module offset, within its function (its line-table
     * sequence), for stepping over the line: leave when execution is outside all of them. Rows of line 0 count as
     * part of the line before them, since they are compiler-made code of that line, not a new line to stop at.
     */
    public List<OffsetRange> lineRanges(int moduleOffset) {
        return guard(() -> {
            int row = rowAt(moduleOffset);
            if (row < 0) {
                return List.<OffsetRange>of();
            }
            LineTable table = lines();
            int start = table.sequenceStart(row);
            int end = table.sequenceEnd(row);
            int[] effective = new int[end - start];
            int[] effectiveFile = new int[end - start];
            for (int r = start; r < end; r++) {
                boolean inherit = table.line(r) == 0 && r > start;
                effective[r - start] = inherit ? effective[r - start - 1] : table.line(r);
                effectiveFile[r - start] = inherit ? effectiveFile[r - start - 1] : table.file(r);
            }
            int line = effective[row - start];
            int file = effectiveFile[row - start];
            List<OffsetRange> ranges = new ArrayList<>();
            for (int r = start; r < end; r++) {
                if (effective[r - start] != line || effectiveFile[r - start] != file
                        || table.codeOffset(r) == table.codeOffset(r + 1)) {
                    continue;
                }
                int from = code.toModuleOffset(table.codeOffset(r));
                int to = code.toModuleOffset(table.codeOffset(r + 1));
                if (!ranges.isEmpty() && ranges.get(ranges.size() - 1).endModuleOffset() == from) {
                    from = ranges.remove(ranges.size() - 1).startModuleOffset();
                }
                ranges.add(new OffsetRange(from, to));
            }
            return List.copyOf(ranges);
        }, List.of());
    }

    /** The source files that have code, after path mapping, sorted. */
    public List<String> sourceFiles() {
        return guard(() -> {
            LineTable table = lines();
            boolean[] used = new boolean[table.sourceFiles().size()];
            for (int row = 0; row < table.size(); row++) {
                if (table.file(row) >= 0) {
                    used[table.file(row)] = true;
                }
            }
            TreeSet<String> files = new TreeSet<>();
            for (int i = 0; i < used.length; i++) {
                if (used[i]) {
                    files.add(paths.toLocal(table.sourceFiles().get(i).path()));
                }
            }
            return List.copyOf(files);
        }, List.of());
    }

    /**
     * Typed source variables: scopes and globals at a position, their values in a stopped frame, writing them, and
     * an expression evaluator. Made on first call (reading nothing until asked) and then kept.
     */
    public synchronized SourceVariables variables() {
        if (variables == null) {
            variables = new SourceVariables(context, code, () -> units().units());
        }
        return variables;
    }

    /** How many lazy parse stages have run; for tests proving that {@link #of} reads nothing. */
    int parseCount() {
        return context.parseCount();
    }

    LineTable lineTable() {
        return lines();
    }

    /**
     * Where a function's prologue ends, for a pc in its entry row: the next {@code is_stmt} row at a higher address
     * (clang's prologue_end row, the "second row" gdb and lldb stop at), where parameters have been stored. -1 when
     * the pc is past the function's entry row or nothing follows.
     */
    public int afterPrologue(int moduleOffset) {
        return guard(() -> {
            long pc = code.toCodeOffset(moduleOffset);
            int row = rowAt(moduleOffset);
            if (pc < 0 || row < 0) {
                return -1;
            }
            CompileUnit[] unit = new CompileUnit[1];
            long entry = -1;
            for (CompileUnit u : unitsAt(pc)) {
                List<Scope> chain = u.scopes().chainAt(pc);
                if (!chain.isEmpty()) {
                    entry = chain.get(0).ranges().stream().filter(r -> r.contains(pc)).findFirst()
                            .map(CodeRange::start).orElse(-1L);
                    break;
                }
            }
            LineTable t = lines();
            if (entry < 0 || t.codeOffset(row) > entry) {
                return -1;
            }
            for (int r = row + 1; r < t.size() && !t.endsSequence(r); r++) {
                if (t.codeOffset(r) > t.codeOffset(row) && t.isStmt(r) && t.line(r) != 0) {
                    return code.toModuleOffset(t.codeOffset(r));
                }
            }
            return -1;
        }, -1);
    }

    private int rowAt(int moduleOffset) {
        long codeOffset = code.toCodeOffset(moduleOffset);
        return codeOffset < 0 ? -1 : lines().rowAt(codeOffset);
    }

    private SourceLocation locationOf(int row) {
        LineTable table = lines();
        int file = table.file(row);
        if (file < 0) {
            return null;
        }
        return new SourceLocation(paths.toLocal(table.sourceFiles().get(file).path()), table.line(row),
                table.column(row), table.isStmt(row));
    }

    private String callFile(CompileUnit unit, int index) {
        Map<Integer, Integer> ofProgram = fileIds().get(unit.stmtList());
        Integer id = ofProgram == null ? null : ofProgram.get(index);
        return id == null ? null : paths.toLocal(lines().sourceFiles().get(id).path());
    }

    private synchronized Map<Long, Map<Integer, Integer>> fileIds() {
        if (fileIds == null) {
            fileIds = new HashMap<>();
            List<SourceFile> files = lines().sourceFiles();
            for (int id = 0; id < files.size(); id++) {
                fileIds.computeIfAbsent(files.get(id).programOffset(), k -> new HashMap<>())
                        .put(files.get(id).index(), id);
            }
        }
        return fileIds;
    }

    /** Units that may hold a code offset: those whose root ranges contain it, and those that state no ranges. */
    private List<CompileUnit> unitsAt(long codeOffset) {
        List<CompileUnit> candidates = new ArrayList<>();
        for (CompileUnit unit : units().units()) {
            try {
                List<CodeRange> ranges = unit.ranges();
                if (ranges.isEmpty() || ranges.stream().anyMatch(r -> r.contains(codeOffset))) {
                    candidates.add(unit);
                }
            } catch (DwarfFormatException damaged) {
                context.warnings.add("skipped a compile unit with damaged ranges: " + damaged.getMessage());
            }
        }
        return candidates;
    }

    private Optional<String> nameSectionName(int moduleOffset) {
        List<FunctionBody> bodies = module.bodies();
        int lo = 0;
        int hi = bodies.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            FunctionBody body = bodies.get(mid);
            if (moduleOffset < body.entryOffset()) {
                hi = mid - 1;
            } else if (moduleOffset >= body.endOffset()) {
                lo = mid + 1;
            } else {
                return Optional.ofNullable(names().functionNames().get(module.importedFunctionCount() + mid));
            }
        }
        return Optional.empty();
    }

    private static String orUnknown(String name) {
        return name == null ? UNKNOWN_FUNCTION : name;
    }

    private synchronized UnitIndex units() {
        if (units == null) {
            try {
                units = UnitIndex.read(context);
            } catch (RuntimeException damaged) {
                context.warnings.add("debug info unusable: " + damaged);
                units = UnitIndex.empty();
            }
        }
        return units;
    }

    private synchronized LineTable lines() {
        if (lines == null && text != null) {
            lines = text.table(code, module.bodies());
        }
        if (lines == null) {
            try {
                lines = LineTable.read(context, units());
            } catch (RuntimeException damaged) {
                context.warnings.add("line table unusable: " + damaged);
                lines = new LineTableBuilder(context).build();
            }
        }
        return lines;
    }

    /** The public API's boundary: debug info is an aid, so its damage must never surface as an exception. */
    private <T> T guard(Supplier<T> query, T otherwise) {
        try {
            return query.get();
        } catch (RuntimeException | StackOverflowError damaged) {
            context.warnings.add("source query failed on damaged debug info: " + damaged);
            return otherwise;
        }
    }
}
