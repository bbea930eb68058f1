package dev.trapdoor.dap.watch;

import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.exec.Recording;

import java.util.Arrays;
import java.util.List;

/**
 * The data breakpoints as stops of a reverse continue: the engine replays a window of the recording and asks
 * before each instruction whether a watched value differs from its value before the previous one, that is whether
 * the previous instruction wrote it. Going back, only writes stop, and conditions and hit counts are not applied.
 */
public final class ReverseWatches implements Recording.StopTest {
    private final DataWatches watches;
    private final Instance instance;
    private byte[][] last;
    private volatile boolean hitInWindow;

    public ReverseWatches(DataWatches watches, Instance instance) {
        this.watches = watches;
        this.instance = instance;
    }

    @Override
    public void begin() {
        last = null;
        hitInWindow = false;
    }

    @Override
    public boolean stopsAt(int funcIndex, int moduleOffset) {
        List<Watch> current = watches.list();
        if (current.isEmpty()) {
            return false;
        }
        byte[][] now = new byte[current.size()][];
        for (int i = 0; i < now.length; i++) {
            now[i] = current.get(i).target().read(instance);
        }
        boolean changed = last != null && !Arrays.deepEquals(last, now);
        last = now;
        if (changed) {
            hitInWindow = true;
        }
        return changed;
    }

    /** Whether the window the reverse continue landed in had a data breakpoint stop (its landing is the last). */
    public boolean landedOnWatch() {
        return hitInWindow;
    }
}
