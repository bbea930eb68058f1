// "trapdoor.trace": logs the DAP traffic to the Trapdoor output channel.
import * as vscode from 'vscode';
import { describeMessage } from './trace';
import { readSettings } from './settings';

export class TraceTrackerFactory implements vscode.DebugAdapterTrackerFactory {
    constructor(private readonly log: vscode.OutputChannel) {
    }

    createDebugAdapterTracker(session: vscode.DebugSession): vscode.DebugAdapterTracker | undefined {
        const level = readSettings(session.workspaceFolder).trace;
        if (level === 'off') {
            return undefined;
        }
        const log = this.log;
        let disconnected = false;
        return {
            onWillReceiveMessage: m => log.appendLine(`→ ${describeMessage(m, level)}`),
            onDidSendMessage: m => {
                disconnected ||= m?.type === 'response' && m?.command === 'disconnect';
                log.appendLine(`← ${describeMessage(m, level)}`);
            },
            // VS Code reports the end of the adapter's output as a "read error"; after disconnect it is the end.
            onError: e => log.appendLine(disconnected && /read error/.test(e.message)
                ? 'adapter output ended after disconnect' : `adapter error: ${e.message}`),
            onExit: (code, signal) => log.appendLine(`adapter exited: code ${code ?? '-'}${signal ? `, signal ${signal}` : ''}`),
        };
    }
}
