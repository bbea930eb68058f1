// Why the exception widget needs help: VS Code draws it only when its focused frame is the very object at the top of
// the thread's call stack. After a stop, its model and its Call Stack view each ask for the stack (two `stackTrace`
// requests at once), and each answer builds new frame objects, even when the adapter answers both the same (ours
// does: same ids, same frames). The second answer replaces the first's frames while the focus stays on the first's
// top frame. When the trapping file is already open, the widget is drawn before the second answer lands; when VS Code
// has to open the file, its check runs later, fails, and no widget appears. Focusing the top frame again once every
// stack request of an exception stop is answered (VS Code's own "Navigate to Top of Call Stack") passes the check.
// This file holds only the bookkeeping, without `vscode`, so unit tests drive it with DAP messages.

interface Message {
    type?: string;
    seq?: number;
    command?: string;
    event?: string;
    request_seq?: number;
    arguments?: { startFrame?: number };
    body?: { reason?: string };
}

/** Follows one session's DAP traffic and says when the top frame of an exception stop should be focused again. */
export class ExceptionStopWatcher {
    private exceptionStop = false;
    private readonly pending = new Set<number>();

    /** A message from VS Code to the adapter. */
    fromClient(message: unknown): void {
        const m = message as Message;
        // Only requests from the top replace the focused frame's object; later pages ("Load More") do not.
        if (this.exceptionStop && m?.type === 'request' && m.command === 'stackTrace' && typeof m.seq === 'number'
            && !m.arguments?.startFrame) {
            this.pending.add(m.seq);
        }
    }

    /** A message from the adapter to VS Code; true when VS Code should now focus the top frame again. */
    fromAdapter(message: unknown): boolean {
        const m = message as Message;
        if (m?.type === 'event' && (m.event === 'stopped' || m.event === 'continued' || m.event === 'terminated')) {
            this.exceptionStop = m.event === 'stopped' && m.body?.reason === 'exception';
            this.pending.clear();
            return false;
        }
        if (m?.type === 'response' && m.command === 'stackTrace' && typeof m.request_seq === 'number'
            && this.pending.delete(m.request_seq)) {
            return this.pending.size === 0;
        }
        return false;
    }
}
