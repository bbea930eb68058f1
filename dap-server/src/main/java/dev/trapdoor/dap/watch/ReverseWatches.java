package dev.trapdoor.dap.watch;

import dev.trapdoor.engine.debug.DebugFrame;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.exec.Recording;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Supplier;

/**
 * The data breakpoints as stops of a reverse continue: the engine replays a window of the recording and asks
 * before each instruction whether the previous one wrote a watched value (it differs from its value before) or, for
 * a {@code readWrite} watch, read it; the watch's condition is tested there, in the frames of that instruction, as a
 * forward continue tests it after the instruction. The candidates of a window are then offered latest first
 * ({@link #accept}), and each counts a hit of its watch: the hit condition applies in the order going back meets
 * them, on the same counter as forward hits.
 */
public final class ReverseWatches implements Recording.StopTest {
    private final DataWatches watches;
    private final Instance instance;
    private final BiPredicate<String, List<DebugFrame>> holds;
    private byte[][] last;
    private LoadAccess pendingRead;
    /** Per candidate of the window, in order: the watch that stopped there. */
    private final List<Watch> candidates = new ArrayList<>();
    private volatile boolean landedOnWatch;

    /** @param holds whether a watch's condition holds in the given frames */
    public ReverseWatches(DataWatches watches, Instance instance, BiPredicate<String, List<DebugFrame>> holds) {
        this.watches = watches;
        this.instance = instance;
        this.holds = holds;
    }

    @Override
    public void begin() {
        last = null;
        pendingRead = null;
        candidates.clear();
        landedOnWatch = false;
    }

    @Override
    public boolean stopsAt(int funcIndex, int moduleOffset, Supplier<List<DebugFrame>> frames) {
        List<Watch> current = watches.list();
        if (current.isEmpty()) {
            return false;
        }
        byte[][] now = new byte[current.size()][];
        for (int i = 0; i < now.length; i++) {
            now[i] = current.get(i).target().read(instance);
        }
        byte[][] before = last;
        LoadAccess read = pendingRead;
        last = now;
        List<DebugFrame> here = null;
        if (current.stream().anyMatch(Watch::reads)) {
            here = frames.get();
            pendingRead = here.isEmpty() ? null : LoadAccess.at(instance, here.get(0));
        }
        if (before == null || before.length != now.length) {
            return false;
        }
        for (int i = 0; i < current.size(); i++) {
            Watch w = current.get(i);
            boolean changed = !Arrays.equals(before[i], now[i]);
            if (!changed && !(w.reads() && read != null && read.touches(w.target()))) {
                continue;
            }
            if (w.condition() != null && !w.condition().isBlank()) {
                if (here == null) {
                    here = frames.get();
                }
                if (!holds.test(w.condition(), here)) {
                    continue;
                }
            }
            candidates.add(w);
            return true;
        }
        return false;
    }

    @Override
    public boolean accept(int index) {
        boolean stops = index < candidates.size() && candidates.get(index).countHit();
        if (stops) {
            landedOnWatch = true;
        }
        return stops;
    }

    /** Whether the window the reverse continue landed in had a data breakpoint stop (its landing is the last). */
    public boolean landedOnWatch() {
        return landedOnWatch;
    }
}
