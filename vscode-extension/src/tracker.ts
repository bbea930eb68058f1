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
        return {
            onWillReceiveMessage: m => log.appendLine(`→ ${describeMessage(m, level)}`),
            onDidSendMessage: m => log.appendLine(`← ${describeMessage(m, level)}`),
            onError: e => log.appendLine(`adapter error: ${e.message}`),
            onExit: (code, signal) => log.appendLine(`adapter exited: code ${code ?? '-'}${signal ? `, signal ${signal}` : ''}`),
        };
    }
}
