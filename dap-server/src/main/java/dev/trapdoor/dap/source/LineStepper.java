package dev.trapdoor.dap.source;

import dev.trapdoor.engine.debug.DebugFrame;
import dev.trapdoor.engine.debug.Resume;
import dev.trapdoor.engine.dwarf.OffsetRange;
import dev.trapdoor.engine.dwarf.SourceFrame;
import dev.trapdoor.engine.dwarf.SourceLocation;
import dev.trapdoor.engine.dwarf.SourceMap;

import java.util.List;
import java.util.Optional;
import java.util.function.IntUnaryOperator;
import java.util.function.Predicate;

/**
 * Steps by source line (DAP granularity {@code line} or {@code statement}) or by instruction.
 *
 * <p>A line step resumes with {@link Resume#whileInRange} over the range of the current line that holds the pc
 * ({@link Resume#whileInRangeInto} for step-in). When the engine reports the pc left that range, the step stops if
 * the pc is at the start of an {@code is_stmt} row of some line; if it is still on the starting line (a line has
 * several ranges, e.g. a {@code for} header) or in the middle of another line (a jump into it, or a return into the
 * caller's call line), it goes on over the range there, as gdb does. Step-in that enters a function without line
 * info (or, with justMyCode, one of library code: {@link UserCode}) steps back out, and one that enters a function
 * with lines runs its prologue first; a step from code of our own does not stop on lines of library code inlined into
 * the frame (justMyCode), neither in the middle of a function nor where it begins (a {@code std::string}'s
 * constructor inlined at a function's first statement), and a step from code of our own that returns into a frame
 * that is not ours (justMyCode: library code, or code without lines) steps on out; step-out runs {@link Resume#STEP_OUT} and stops on the
 * caller's line, which may still have work to do (another call to step into). Code without line info falls back to
 * instruction steps. A bound on the number of engine resumes stops a step that would
 * otherwise spin in a tight loop of one line.
 */
public final class LineStepper implements Stepper {
    public enum Kind { OVER, INTO, OUT }

    static final int MAX_RESUMES = 100_000;

    private final SourceMap sourceMap;
    private final IntUnaryOperator firstStop;
    private final Kind kind;
    private final boolean byInstruction;
    private final Predicate<String> userFile;
    /** justMyCode: a return into a frame that is not ours (library code, or code without lines) steps on out. */
    private final boolean justMyCode;
    private List<OffsetRange> ranges = List.of();
    private int depth;
    private Resume last = Resume.CONTINUE;
    private int resumes;
    /**
     * Step-out from an inlined frame: how many source frames the pc's inlined chain had at the start; the step goes
     * on while the pc is still that deep in inlined code (0: not stepping out of an inlined frame).
     */
    private int inlinedDepth;
    /**
     * The step started in code of our own (justMyCode): it does not stop on lines of library code inlined into the
     * frame (release builds inline std's code into ours), but goes on over them.
     */
    private boolean fromMine;
    /** After stepping into a function: where its prologue ends, the place to stop; -1 when not skipping one. */
    private int prologueEnd = -1;

    /**
     * @param firstStop where the engine would first stop at or after a module offset (it never stops on
     *                  instructions that run no code of their own, like {@code block}, or that it folded into the
     *                  next one); -1 when nowhere
     */
    /** Whether this is a step out, which goes on wherever the step started. */
    public boolean isOut() {
        return kind == Kind.OUT;
    }

    /** Whether this step ends after one instruction (an instruction-granularity step over or into). */
    public boolean isOneInstruction() {
        return byInstruction && kind != Kind.OUT;
    }

    public LineStepper(SourceMap sourceMap, IntUnaryOperator firstStop, Kind kind, boolean byInstruction) {
        this(sourceMap, firstStop, kind, byInstruction, null);
    }

    /**
     * @param userFile whether a source file (as the DWARF names it, after path mapping) is code of our own, where
     *                 step-in may stop: with {@code justMyCode}, {@link UserCode#isUserFile}; library functions are
     *                 stepped over, and a step that returns into one goes on out to a frame of our own (or the
     *                 program's end); null without {@code justMyCode}
     */
    public LineStepper(SourceMap sourceMap, IntUnaryOperator firstStop, Kind kind, boolean byInstruction,
                       Predicate<String> userFile) {
        this.justMyCode = userFile != null;
        this.userFile = userFile != null ? userFile : file -> true;
        this.sourceMap = sourceMap;
        this.firstStop = firstStop;
        this.kind = kind;
        this.byInstruction = byInstruction;
    }

    @Override
    public Resume start(List<DebugFrame> frames) {
        depth = frames.size();
        int pc = frames.get(0).moduleOffset();
        fromMine = mine(pc);
        if (kind == Kind.OUT) {
            int chain = sourceMap.inlinedChain(pc).size();
            if (chain > 1) {
                // The innermost source frame is inlined into this Wasm frame: leaving it is no return of the engine's
                // frame, but the pc leaving the inlined code; instruction steps over calls find where.
                inlinedDepth = chain;
                return remember(Resume.STEP_OVER);
            }
            return remember(Resume.STEP_OUT);
        }
        if (!byInstruction) {
            ranges = sourceMap.lineRanges(pc);
            OffsetRange r = containing(ranges, pc);
            if (r != null) {
                return range(r);
            }
        }
        return remember(kind == Kind.INTO ? Resume.STEP_INTO : Resume.STEP_OVER);
    }

    @Override
    public Resume onStep(List<DebugFrame> frames) {
        if (byInstruction && kind != Kind.OUT || frames.isEmpty() || ++resumes > MAX_RESUMES) {
            return null;
        }
        int pc = frames.get(0).moduleOffset();
        int now = frames.size();
        if (inlinedDepth > 0 && now == depth) {
            if (sourceMap.inlinedChain(pc).size() >= inlinedDepth) {
                return remember(Resume.STEP_OVER);
            }
            // In the caller now, maybe in the middle of the line that held the inlined call: on to a statement.
            inlinedDepth = 0;
            if (atStatementStart(pc)) {
                return null;
            }
            ranges = sourceMap.lineRanges(pc);
            OffsetRange r = containing(ranges, pc);
            return r == null ? null : range(r);
        }
        inlinedDepth = 0;
        if (now > depth) {
            // Entered a callee: step-in stops where there is a line to show, after the prologue (where the
            // parameters hold their values); otherwise come back out.
            if (kind == Kind.INTO && hasLine(pc) && ours(pc)) {
                int end = sourceMap.afterPrologue(pc);
                depth = now;
                ranges = List.of();
                fromMine = true;
                if (end > pc) {
                    prologueEnd = end;
                    return remember(Resume.whileInRange(pc, end));
                }
                return firstStatement(pc);
            }
            return remember(Resume.STEP_OUT);
        }
        if (prologueEnd >= 0 && now == depth) {
            prologueEnd = -1;
            return firstStatement(pc); // the prologue ran
        }
        if (now < depth || kind == Kind.OUT && ranges.isEmpty()) {
            boolean returned = now < depth;
            depth = now; // returned into the caller, in the middle of its call line
            if (returned && justMyCode && fromMine && !byInstruction && !ours(pc)) {
                // From our code into library code or code without lines (a C main returning into _start):
                // debugpy's justMyCode goes on until code of our own runs; stepping out until a frame of ours does
                // is the part of that which never stops in the library, and after main it runs to the program's
                // end. A step that started where we have no lines (a module without DWARF) stops in its caller.
                ranges = List.of();
                return remember(Resume.STEP_OUT);
            }
            if (byInstruction || kind == Kind.OUT && returned && hasLine(pc)) {
                // Step-out stops on the calling line while it has more to do (gdb's finish), so that a second call
                // on that line can still be stepped into.
                return null;
            }
            ranges = List.of();
        }
        OffsetRange r = containing(ranges, pc);
        if (r != null) {
            return range(r);
        }
        if (atStatementStart(pc) && (!fromMine || mine(pc))) {
            return null;
        }
        ranges = sourceMap.lineRanges(pc);
        r = containing(ranges, pc);
        return r == null ? null : range(r);
    }

    @Override
    public Resume again() {
        return last;
    }

    private Resume range(OffsetRange r) {
        return remember(kind == Kind.INTO ? Resume.whileInRangeInto(r.startModuleOffset(), r.endModuleOffset())
                : Resume.whileInRange(r.startModuleOffset(), r.endModuleOffset()));
    }

    private Resume remember(Resume r) {
        last = r;
        return r;
    }

    /**
     * Stops on the callee's first statement, unless that is library code inlined into it (justMyCode): then the step
     * goes on over its lines to the callee's first line of our own.
     */
    private Resume firstStatement(int pc) {
        if (mine(pc)) {
            return null;
        }
        ranges = sourceMap.lineRanges(pc);
        OffsetRange r = containing(ranges, pc);
        return r == null ? null : range(r);
    }

    /** Whether the code at the pc is ours: the file of its innermost source frame. */
    private boolean mine(int pc) {
        Optional<SourceLocation> loc = sourceMap.locate(pc);
        return loc.isPresent() && userFile.test(loc.get().file());
    }

    /**
     * Whether the frame at the pc is ours: any of its source frames there is, so neither our function that begins
     * with inlined library code (its innermost frame is the library's) nor our code inlined into a library function
     * at its start is stepped over, and a return into our line that inlined a library call is a return into ours.
     */
    private boolean ours(int pc) {
        if (mine(pc)) {
            return true;
        }
        for (SourceFrame f : sourceMap.inlinedChain(pc)) {
            if (f.file() != null && userFile.test(f.file())) {
                return true;
            }
        }
        return false;
    }

    private boolean hasLine(int pc) {
        Optional<SourceLocation> loc = sourceMap.locate(pc);
        return loc.isPresent() && loc.get().line() > 0;
    }

    /**
     * Whether the pc is where a statement row begins: the start of one of its line's ranges, marked is_stmt. The
     * engine may not stop exactly there (a {@code block} or {@code loop} marker, or an instruction folded into the
     * next), so the first place it can stop at or after the row start counts as the start: a loop's back-edge lands
     * there.
     */
    private boolean atStatementStart(int pc) {
        Optional<SourceLocation> loc = sourceMap.locate(pc);
        if (loc.isEmpty() || loc.get().line() == 0 || !loc.get().isStmt()) {
            return false;
        }
        for (OffsetRange r : sourceMap.lineRanges(pc)) {
            if (r.startModuleOffset() == pc || r.contains(pc) && firstStop.applyAsInt(r.startModuleOffset()) == pc) {
                return true;
            }
        }
        return false;
    }

    private static OffsetRange containing(List<OffsetRange> ranges, int pc) {
        for (OffsetRange r : ranges) {
            if (r.contains(pc)) {
                return r;
            }
        }
        return null;
    }
}
