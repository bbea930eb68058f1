// The AskForProgram variable: "${command:AskForProgram}" lets the person pick one of the workspace's .wasm files.
import * as vscode from 'vscode';
import { findWasmFiles } from './configurationProvider';
import { programChoices } from './launchConfig';

const BROWSE = 'Browse…';

/** Returns the chosen file's path, or undefined (which cancels the launch). */
export async function askForProgram(): Promise<string | undefined> {
    const folder = vscode.workspace.workspaceFolders?.[0];
    const choices = programChoices(await findWasmFiles(), folder?.uri.fsPath);
    const items: (vscode.QuickPickItem & { file?: string })[] = choices.map(c => ({ ...c }));
    items.push({ label: BROWSE, description: 'pick a .wasm file anywhere' });
    const picked = await vscode.window.showQuickPick(items, {
        title: 'WebAssembly program to debug',
        placeHolder: choices.length ? 'a .wasm file of the workspace' : 'no .wasm file in the workspace: browse',
        matchOnDescription: true,
    });
    if (!picked) {
        return undefined;
    }
    if (picked.file) {
        return picked.file;
    }
    const uris = await vscode.window.showOpenDialog({
        canSelectMany: false,
        filters: { WebAssembly: ['wasm'] },
        defaultUri: folder?.uri,
        openLabel: 'Debug',
    });
    return uris?.[0]?.fsPath;
}
