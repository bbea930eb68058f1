package dev.trapdoor.engine.exec;

/**
 * The runtime half of a throwing trap handler ({@code compile.ThrowingTraps}): the handler of a site that can only
 * trap, in code compiled with no debugger, copies no frame. A debugger that attaches later drops such code
 * ({@code Store}'s recompile with every local), so only a frame that was already running it when a debugger attached
 * can trap here with one waiting: its trap then shows the slots the value stack held at the frame's last crossing.
 */
final class ThrowingTrapsRt {
    private ThrowingTrapsRt() {
    }

    /** What to throw for {@code t} at {@code site}: the trap with this frame added, as {@code JitRt.trapBuffer}'s. */
    static Throwable thrown(Throwable t, long operand, int site, JitContext c, int fp) {
        return JitRt.trap(t, operand, site, c, fp);
    }
}
