// Starts the bundled server with the configured Java, or connects to a running one.
import * as fs from 'fs';
import * as vscode from 'vscode';
import { ServerError, planAdapter, serverCommandLine } from './adapter';
import { JavaError, findJava, nodeJavaHost } from './java';
import { DebugConfig } from './launchConfig';
import { readSettings } from './settings';
import { archiveOptions, buildArchiveInBackground } from './startupArchive';

export class TrapdoorAdapterFactory implements vscode.DebugAdapterDescriptorFactory {
    constructor(private readonly extensionPath: string, private readonly log: vscode.OutputChannel) {
    }

    async createDebugAdapterDescriptor(session: vscode.DebugSession): Promise<vscode.DebugAdapterDescriptor> {
        const settings = readSettings(session.workspaceFolder);
        try {
            const plan = planAdapter(session.configuration as DebugConfig, settings, this.extensionPath,
                file => fs.existsSync(file));
            if (plan.kind === 'connect') {
                this.log.appendLine(`connecting to ${plan.host}:${plan.port} (${plan.why})`);
                return new vscode.DebugAdapterServer(plan.port, plan.host);
            }
            const java = await findJava(settings.javaHome, nodeJavaHost());
            const cmd = serverCommandLine(java.executable,
                [...archiveOptions(plan.jar, f => fs.existsSync(f)), ...settings.javaOptions], plan.jar);
            buildArchiveInBackground(java.executable, plan.jar);
            this.log.appendLine(`starting ${cmd.command} ${cmd.args.join(' ')} (Java ${java.versionText} from ${java.source})`);
            return new vscode.DebugAdapterExecutable(cmd.command, cmd.args, plan.cwd ? { cwd: plan.cwd } : undefined);
        } catch (e) {
            if (e instanceof JavaError || e instanceof ServerError) {
                const settingKey = e instanceof JavaError ? 'trapdoor.java.home' : 'trapdoor.server';
                void vscode.window.showErrorMessage(e.message, 'Open Settings').then(choice => {
                    if (choice) {
                        void vscode.commands.executeCommand('workbench.action.openSettings', settingKey);
                    }
                });
                // VS Code shows this too, and does not start the session.
                throw new Error(e.message);
            }
            throw e;
        }
    }
}
