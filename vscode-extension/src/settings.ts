// Reads the "trapdoor.*" settings (the only VS Code dependency of the settings logic, see adapter.ts).
import * as vscode from 'vscode';
import { Settings, normalizeSettings } from './adapter';

export function readSettings(scope?: vscode.ConfigurationScope): Settings {
    const config = vscode.workspace.getConfiguration('trapdoor', scope);
    return normalizeSettings(key => config.get(key));
}
