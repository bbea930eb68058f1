// Draws VS Code's exception widget for traps in files that were not open yet (see exceptionStop.ts for why).
import * as vscode from 'vscode';
import { ExceptionStopWatcher } from './exceptionStop';

/**
 * VS Code's "Navigate to Top of Call Stack": focuses the thread's current top frame object. It is preceded by "Call
 * Stack Down": VS Code announces a focus only when the focused object changes, and its widget check runs on that
 * announcement (seen in the editor test: the top frame alone drew no widget, down-then-top did).
 */
export const FOCUS_TOP_FRAME = 'workbench.action.debug.callStackTop';
export const FOCUS_FRAME_BELOW = 'workbench.action.debug.callStackDown';

export class ExceptionFocusTrackerFactory implements vscode.DebugAdapterTrackerFactory {
    createDebugAdapterTracker(session: vscode.DebugSession): vscode.DebugAdapterTracker {
        const watcher = new ExceptionStopWatcher();
        return {
            onWillReceiveMessage: m => watcher.fromClient(m),
            onDidSendMessage: m => {
                if (watcher.fromAdapter(m)) {
                    // The command reaches the window after the answer does, but VS Code stores the answer's frames
                    // a few promise turns later: a macrotask later they are in place.
                    setTimeout(() => {
                        if (vscode.debug.activeDebugSession?.id === session.id) {
                            void vscode.commands.executeCommand(FOCUS_FRAME_BELOW)
                                .then(() => vscode.commands.executeCommand(FOCUS_TOP_FRAME));
                        }
                    }, 50);
                }
            },
        };
    }
}
