// Why the exception widget needs help: VS Code draws it only when its focused frame is the very object at the top of
// the thread's call stack. After a stop, its model and its Call Stack view each ask for the stack (two `stackTrace`
// requests at once), and each answer builds new frame objects, even when the adapter answers both the same (ours
// does: same ids, same frames). VS Code focuses the top frame of the first answer only once the frame's file is open
// in an editor: when the file was already open that is at once, and the widget is drawn; when VS Code has to open it,
// the second answer has often replaced the frames by then (or does so right after), the focus lands on a frame object
// that is no longer in the stack, its check fails, and no widget appears. Focusing the top frame again (VS Code's own
// "Navigate to Top of Call Stack") once every stack request of an exception stop is answered AND VS Code has focused
// a frame of the stop passes the check; refocusing earlier is undone by VS Code's own late focus.
// This file holds only the bookkeeping, without `vscode`, so unit tests drive it with DAP messages and focus changes.

interface Message {
    type?: string;
    seq?: number;
    command?: string;
    event?: string;
    request_seq?: number;
    arguments?: { startFrame?: number };
    body?: { reason?: string };
}

/**
 * Follows one session's DAP traffic and VS Code's frame focus, and says when the top frame of an exception stop should
 * be focused again. `waitsForFocus` is false where VS Code cannot report its focus (before 1.90's
 * `debug.onDidChangeActiveStackItem`): the answers alone decide then.
 */
export class ExceptionStopWatcher {
    private exceptionStop = false;
    private readonly pending = new Set<number>();
    private answered = false;
    private focused = false;
    private done = false;

    constructor(private readonly waitsForFocus = true) {}

    /** A message from VS Code to the adapter. */
    fromClient(message: unknown): void {
        const m = message as Message;
        // Only requests from the top replace the focused frame's object; later pages ("Load More") do not.
        if (this.exceptionStop && m?.type === 'request' && m.command === 'stackTrace' && typeof m.seq === 'number'
            && !m.arguments?.startFrame) {
            this.pending.add(m.seq);
            this.answered = false;
        }
    }

    /** A message from the adapter to VS Code; true when VS Code should now focus the top frame again. */
    fromAdapter(message: unknown): boolean {
        const m = message as Message;
        if (m?.type === 'event' && (m.event === 'stopped' || m.event === 'continued' || m.event === 'terminated')) {
            this.exceptionStop = m.event === 'stopped' && m.body?.reason === 'exception';
            this.pending.clear();
            this.answered = this.focused = this.done = false;
            return false;
        }
        if (m?.type === 'response' && m.command === 'stackTrace' && typeof m.request_seq === 'number'
            && this.pending.delete(m.request_seq)) {
            this.answered = this.pending.size === 0;
            return this.due();
        }
        return false;
    }

    /** VS Code focused a stack frame of this session; true when it should now focus the top frame again. */
    frameFocused(): boolean {
        this.focused = this.exceptionStop;
        return this.due();
    }

    private due(): boolean {
        if (this.exceptionStop && this.answered && (this.focused || !this.waitsForFocus) && !this.done) {
            this.done = true;
            return true;
        }
        return false;
    }
}
