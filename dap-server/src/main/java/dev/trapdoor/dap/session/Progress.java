package dev.trapdoor.dap.session;

import org.eclipse.lsp4j.debug.ProgressEndEventArguments;
import org.eclipse.lsp4j.debug.ProgressStartEventArguments;

/** Progress events for slow steps (loading a large module), sent only to clients that said they support them. */
final class Progress {
    private Progress() {
    }

    static ProgressStartEventArguments start(String id, String title) {
        ProgressStartEventArguments a = new ProgressStartEventArguments();
        a.setProgressId(id);
        a.setTitle(title);
        a.setCancellable(false);
        return a;
    }

    static ProgressEndEventArguments end(String id) {
        ProgressEndEventArguments a = new ProgressEndEventArguments();
        a.setProgressId(id);
        return a;
    }
}
