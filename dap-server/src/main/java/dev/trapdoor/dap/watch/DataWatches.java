package dev.trapdoor.dap.watch;

import dev.trapdoor.engine.debug.DebugFrame;
import dev.trapdoor.engine.debug.Resume;
import dev.trapdoor.engine.exec.Instance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * A session's data breakpoints and the state of their check: the bytes each watch held after the last instruction,
 * and where that instruction was. Set by requests (the session's serial executor), checked on the engine thread.
 */
public final class DataWatches {
    /** A watch whose bytes changed, with the text of the stop. */
    public record Hit(Watch watch, String text) {
    }

    private volatile List<Watch> watches = List.of();
    private byte[][] last;
    private int lastOffset = -1;
    /** What the instruction that runs next reads (for {@code readWrite} watches), or {@code null}. */
    private LoadAccess nextRead;
    /** Functions retranslated exactly for reading watches (their loads' addresses must be in operand slots). */
    private final java.util.Set<Integer> exact = new java.util.HashSet<>();

    /** Replaces all data breakpoints (DAP's {@code setDataBreakpoints} sends the whole set). */
    public synchronized void set(List<Watch> next) {
        watches = List.copyOf(next);
        last = null;
    }

    /** The data breakpoints now set. */
    public List<Watch> list() {
        return watches;
    }

    public boolean isEmpty() {
        return watches.isEmpty();
    }

    /** How to go on when nothing else decides: one instruction at a time while a watch exists. */
    public Resume idle() {
        return watches.isEmpty() ? Resume.CONTINUE : Resume.STEP_INTO;
    }

    /** Takes the watched bytes as they are now (at a stop, before the program goes on). */
    public synchronized void arm(Instance instance, List<DebugFrame> frames) {
        last = read(instance);
        lastOffset = frames.isEmpty() ? -1 : frames.get(0).moduleOffset();
        nextRead = nextRead(instance, frames);
    }

    /**
     * With a {@code readWrite} watch: what the top frame's next instruction reads. Its function first moves to its
     * exact translation (once), where the stop is at every instruction and the address is in its operand slot.
     */
    private LoadAccess nextRead(Instance instance, List<DebugFrame> frames) {
        if (frames.isEmpty() || !anyReads()) {
            return null;
        }
        DebugFrame top = frames.get(0);
        if (exact.add(top.funcIndex())) {
            instance.store().debugger().translateExactly(instance, top.funcIndex());
        }
        return LoadAccess.at(instance, top);
    }

    /**
     * Whether a watch is {@code readWrite}. A loop, not a stream: every resume asks, and a stream's call sites were
     * first linked at a DAP server's first step, by every session that took it at once (benchmarks/RESULTS.md,
     * session 16).
     */
    private boolean anyReads() {
        for (Watch w : watches) {
            if (w.reads()) {
                return true;
            }
        }
        return false;
    }

    /**
     * After an instruction: the first watch whose bytes changed, whose condition holds and whose hit condition lets
     * it stop, or {@code null}. Every watch's bytes are taken anew, so a change is reported once.
     *
     * @param holds       tests a watch's condition in the stopped frames
     * @param instruction the text of the instruction at a module offset, to name the one that wrote
     */
    public synchronized Hit check(Instance instance, List<DebugFrame> frames, Predicate<String> holds,
                                  IntFunction<String> instruction) {
        List<Watch> current = watches;
        if (current.isEmpty()) {
            return null;
        }
        byte[][] now = read(instance);
        byte[][] before = last;
        int writer = lastOffset;
        LoadAccess loaded = nextRead;
        last = now;
        lastOffset = frames.isEmpty() ? -1 : frames.get(0).moduleOffset();
        nextRead = nextRead(instance, frames);
        if (before == null || before.length != now.length) {
            return null;
        }
        String by = writer < 0 ? "" : " by " + instruction.apply(writer) + " at 0x" + Integer.toHexString(writer);
        for (int i = 0; i < current.size(); i++) {
            Watch w = current.get(i);
            boolean changed = !Arrays.equals(before[i], now[i]);
            if (!changed && !(w.reads() && loaded != null && loaded.touches(w.target()))) {
                continue;
            }
            if (w.condition() != null && !w.condition().isBlank() && !holds.test(w.condition())) {
                continue;
            }
            if (!w.countHit()) {
                continue;
            }
            return new Hit(w, changed ? w.description() + " changed from " + w.show(before[i]) + " to "
                    + w.show(now[i]) + by : w.description() + " read (" + w.show(now[i]) + ")" + by);
        }
        return null;
    }

    private byte[][] read(Instance instance) {
        List<Watch> current = watches;
        List<byte[]> out = new ArrayList<>();
        for (Watch w : current) {
            out.add(w.target().read(instance));
        }
        return out.toArray(new byte[0][]);
    }
}
