// Draws VS Code's exception widget for traps in files that were not open yet (see exceptionStop.ts for why).
import * as vscode from 'vscode';
import { ExceptionStopWatcher } from './exceptionStop';

/** VS Code's "Navigate to Top of Call Stack": focuses the thread's current top frame object. */
export const FOCUS_TOP_FRAME = 'workbench.action.debug.callStackTop';

/** The frame focus VS Code reports to extensions (1.90+); typed here because the extension still accepts 1.82. */
interface FocusApi {
    onDidChangeActiveStackItem?: vscode.Event<{ session: vscode.DebugSession; frameId?: number } | undefined>;
}

export class ExceptionFocusTrackerFactory implements vscode.DebugAdapterTrackerFactory {
    createDebugAdapterTracker(session: vscode.DebugSession): vscode.DebugAdapterTracker {
        const focusChanges = (vscode.debug as FocusApi).onDidChangeActiveStackItem;
        const watcher = new ExceptionStopWatcher(focusChanges !== undefined);
        const refocus = () => {
            // VS Code stores an answer's frames a few promise turns after the tracker sees it: a macrotask later
            // (the command travels behind the answer) they are in place.
            setTimeout(() => {
                if (vscode.debug.activeDebugSession?.id === session.id) {
                    void vscode.commands.executeCommand(FOCUS_TOP_FRAME);
                }
            }, 50);
        };
        const focus = focusChanges?.(item => {
            if (item?.session.id === session.id && typeof item.frameId === 'number' && watcher.frameFocused()) {
                refocus();
            }
        });
        return {
            onWillReceiveMessage: m => watcher.fromClient(m),
            onDidSendMessage: m => {
                if (watcher.fromAdapter(m)) {
                    refocus();
                }
            },
            onWillStopSession: () => focus?.dispose(),
        };
    }
}
