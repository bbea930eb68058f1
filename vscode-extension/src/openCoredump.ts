// The "Open Wasm coredump" command: pick the coredump and the program it was taken from, then debug post-mortem.
import * as vscode from 'vscode';
import { coredumpConfiguration } from './coredumpLaunch';

export async function openCoredump(): Promise<boolean> {
    const folder = vscode.workspace.workspaceFolders?.[0];
    const dump = await vscode.window.showOpenDialog({
        canSelectMany: false, filters: { 'Wasm coredump': ['wasm', 'core'] }, defaultUri: folder?.uri,
        openLabel: 'Open Coredump', title: 'Wasm coredump (written by --coredump-on-trap or coredumpOnTrap)',
    });
    if (!dump?.[0]) {
        return false;
    }
    const program = await vscode.window.showOpenDialog({
        canSelectMany: false, filters: { WebAssembly: ['wasm'] }, defaultUri: folder?.uri,
        openLabel: 'Program', title: 'The program the coredump was taken from (with its debug info)',
    });
    if (!program?.[0]) {
        return false;
    }
    return vscode.debug.startDebugging(folder,
        coredumpConfiguration(dump[0].fsPath, program[0].fsPath) as vscode.DebugConfiguration);
}
