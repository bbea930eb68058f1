package dev.trapdoor.dap.source;

import org.eclipse.lsp4j.debug.Breakpoint;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * One breakpoint the client asked for, with what decides whether a hit stops: its condition (an expression), its
 * hit condition and its log message (a logpoint never stops). It may map to several engine breakpoints (a source
 * line with code in several places) or to none yet (the program is not loaded).
 */
public final class BreakpointEntry {
    public enum Kind {
        SOURCE("breakpoint"), FUNCTION("function breakpoint"), INSTRUCTION("instruction breakpoint");

        /** The DAP stop reason for a hit. */
        public final String reason;

        Kind(String reason) {
            this.reason = reason;
        }
    }

    final Kind kind;
    final Breakpoint dap;
    final String condition;
    final IntPredicate hitCondition;
    final String logMessage;
    final List<dev.trapdoor.engine.debug.Breakpoint> placed = new ArrayList<>();
    /** For a breakpoint on imports: the imported function indices a hit must call (else it does not stop). */
    volatile java.util.Set<Integer> importCallees;
    /** Set by the book for its own entries (the "All WASI calls" filter), which the client never sees. */
    boolean internal;
    private int hits;

    BreakpointEntry(Kind kind, Breakpoint dap, String condition, IntPredicate hitCondition, String logMessage) {
        this.kind = kind;
        this.dap = dap;
        this.condition = blankToNull(condition);
        this.hitCondition = hitCondition;
        this.logMessage = blankToNull(logMessage);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    public Kind kind() {
        return kind;
    }

    public int id() {
        return dap.getId();
    }

    /** The condition expression, or {@code null}. */
    public String condition() {
        return condition;
    }

    /** The logpoint's message template ({@code {expr}} interpolated), or {@code null}. */
    public String logMessage() {
        return logMessage;
    }

    /** Counts a hit whose condition held, and says whether the hit condition lets it stop (or log). */
    public synchronized boolean countHit() {
        hits++;
        return hitCondition == null || hitCondition.test(hits);
    }

    /**
     * For a breakpoint on imported functions, placed on every call that may reach them (direct calls and
     * {@code call_indirect}s of their type): the function indices a hit must call; {@code null} otherwise.
     */
    public java.util.Set<Integer> importCallees() {
        return importCallees;
    }

    /** Whether the client set this breakpoint (else it is one of the book's own, with an id the client never saw). */
    public boolean fromClient() {
        return !internal;
    }

    /** The ids a stop at this breakpoint names in its {@code hitBreakpointIds}: none for one of the book's own. */
    public Integer[] hitIds() {
        return fromClient() ? new Integer[] {id()} : null;
    }

    public Breakpoint dap() {
        return dap;
    }
}
