package dev.trapdoor.engine.exec;

/**
 * What a debugger that attaches does to a function whose typed entry has bare call sites ({@link BareCalls}): the
 * code stays compiled, as an idle debugger promises, but no new frame may start in the bare typed entry, since a
 * stop above such a frame could not move it into the interpreter. So the typed entry goes at once (typed callers
 * reach the function's untyped entry, whose chunk keeps full handlers, through the value stack), and the function is
 * compiled again for the debugger, with full handlers in its typed entry too: in the background as tier-up does, or
 * on the spot in the compiled tier, which compiles everything eagerly. Frames already in the bare code run on there.
 */
final class BareSwap {
    private BareSwap() {
    }

    /**
     * Takes the bare typed entry of {@code f} (compiled as {@code c}) away; the caller holds {@code f}'s lock. Returns
     * whether it did: then {@link #recompile} must follow, outside the lock.
     */
    static boolean typedEntryAway(FunctionInstance f, JitContext c) {
        if (f.jit == null || c == null || !c.bareTyped || f.typedJit == null) {
            return false;
        }
        f.typedJit = null;
        java.lang.invoke.MutableCallSite typed = f.typedSite;
        if (typed != null) {
            typed.setTarget(JitRt.viaStack(JitRt.invokerOf(f), f));
        }
        return true;
    }

    /** Compiles {@code f} with full handlers and installs that in place of {@code c}'s code, if still there. */
    static void recompile(FunctionInstance f, JitContext c, Tier tier) {
        if (tier == Tier.COMPILED) {
            JitInstaller.replace(f, c);
        } else {
            Tiering.inBackground(() -> JitInstaller.replace(f, c));
        }
    }
}
