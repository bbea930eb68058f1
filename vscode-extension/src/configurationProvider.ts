// launch.json support: defaults for F5 without one, final checks, and the workspace's .wasm files as dynamic
// configurations. The logic is in launchConfig.ts.
import * as vscode from 'vscode';
import { ConfigError, DebugConfig, dynamicConfigurations, resolveAfterSubstitution, resolveBeforeSubstitution }
    from './launchConfig';

export const WASM_GLOB = '**/*.wasm';
const EXCLUDE_GLOB = '**/{node_modules,.git}/**';
const MAX_FILES = 200;

export async function findWasmFiles(folder?: vscode.WorkspaceFolder, token?: vscode.CancellationToken): Promise<string[]> {
    const include = folder ? new vscode.RelativePattern(folder, WASM_GLOB) : WASM_GLOB;
    const uris = await vscode.workspace.findFiles(include, EXCLUDE_GLOB, MAX_FILES, token);
    return uris.filter(u => u.scheme === 'file').map(u => u.fsPath);
}

function activeWasmFile(): string | undefined {
    // .wasm files open in a custom or binary editor, not a text editor: look at the active tab.
    const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    const uri = input instanceof vscode.TabInputText || input instanceof vscode.TabInputCustom ? input.uri : undefined;
    return uri && uri.scheme === 'file' && uri.fsPath.endsWith('.wasm') ? uri.fsPath : undefined;
}

export class TrapdoorConfigurationProvider implements vscode.DebugConfigurationProvider {
    resolveDebugConfiguration(folder: vscode.WorkspaceFolder | undefined,
                              config: vscode.DebugConfiguration): vscode.DebugConfiguration {
        return resolveBeforeSubstitution(config as Partial<DebugConfig>,
            { workspaceFolder: folder?.uri.fsPath, activeWasmFile: activeWasmFile() });
    }

    resolveDebugConfigurationWithSubstitutedVariables(folder: vscode.WorkspaceFolder | undefined,
                                                      config: vscode.DebugConfiguration)
        : vscode.DebugConfiguration | undefined {
        try {
            return resolveAfterSubstitution(config as DebugConfig, { workspaceFolder: folder?.uri.fsPath });
        } catch (e) {
            if (e instanceof ConfigError) {
                void vscode.window.showErrorMessage(e.message, { modal: false });
                return undefined; // abort the launch
            }
            throw e;
        }
    }
}

export class TrapdoorDynamicConfigurationProvider implements vscode.DebugConfigurationProvider {
    async provideDebugConfigurations(folder: vscode.WorkspaceFolder | undefined,
                                     token?: vscode.CancellationToken): Promise<vscode.DebugConfiguration[]> {
        const files = await findWasmFiles(folder, token);
        return dynamicConfigurations(files, folder?.uri.fsPath);
    }
}
