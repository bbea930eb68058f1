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

    public Breakpoint dap() {
        return dap;
    }
}
