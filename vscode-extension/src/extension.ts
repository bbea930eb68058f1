// Entry point: registers the debugger of type "trapdoor".
import * as vscode from 'vscode';
import { TrapdoorConfigurationProvider, TrapdoorDynamicConfigurationProvider } from './configurationProvider';
import { TrapdoorAdapterFactory } from './descriptorFactory';
import { ExceptionFocusTrackerFactory } from './exceptionFocus';
import { DEBUG_TYPE } from './launchConfig';
import { openCoredump } from './openCoredump';
import { askForProgram } from './programPicker';
import { TraceTrackerFactory } from './tracker';

export function activate(context: vscode.ExtensionContext): void {
    const log = vscode.window.createOutputChannel('Trapdoor');
    context.subscriptions.push(
        log,
        vscode.commands.registerCommand('trapdoor.askForProgram', askForProgram),
        vscode.commands.registerCommand('trapdoor.openCoredump', openCoredump),
        vscode.debug.registerDebugConfigurationProvider(DEBUG_TYPE, new TrapdoorConfigurationProvider()),
        vscode.debug.registerDebugConfigurationProvider(DEBUG_TYPE, new TrapdoorDynamicConfigurationProvider(),
            vscode.DebugConfigurationProviderTriggerKind.Dynamic),
        vscode.debug.registerDebugAdapterDescriptorFactory(DEBUG_TYPE,
            new TrapdoorAdapterFactory(context.extensionPath, log)),
        vscode.debug.registerDebugAdapterTrackerFactory(DEBUG_TYPE, new TraceTrackerFactory(log)),
        vscode.debug.registerDebugAdapterTrackerFactory(DEBUG_TYPE, new ExceptionFocusTrackerFactory()),
    );
}

export function deactivate(): void {
    // Sessions own their adapter processes; VS Code ends them.
}
