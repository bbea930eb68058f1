package dev.trapdoor.dap.handler;

import dev.trapdoor.engine.debug.DebugFrame;

/** {@link Fixtures} for tests of other packages. */
public final class HandlerFixtures {
    private HandlerFixtures() {
    }

    public static DebugFrame frame(String function, int funcIndex, int pc, long... locals) {
        return Fixtures.frame(function, funcIndex, pc, locals);
    }
}
