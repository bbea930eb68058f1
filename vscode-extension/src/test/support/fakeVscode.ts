// A stand-in for the `vscode` module, enough to load the extension's VS Code glue in a plain Node test: it records
// registrations and shown messages, and serves settings from a map.
import Module = require('module');

export class DebugAdapterExecutable {
    constructor(readonly command: string, readonly args: string[], readonly options?: { cwd?: string }) {
    }
}

export class DebugAdapterServer {
    constructor(readonly port: number, readonly host?: string) {
    }
}

export class RelativePattern {
    constructor(readonly base: unknown, readonly pattern: string) {
    }
}

export class TabInputText {
    constructor(readonly uri: unknown) {
    }
}

export class TabInputCustom {
    constructor(readonly uri: unknown) {
    }
}

export interface Recorded {
    commands: Map<string, (...args: unknown[]) => unknown>;
    providers: { type: string; provider: unknown; trigger: number | undefined }[];
    factories: { type: string; factory: unknown }[];
    trackers: { type: string; factory: unknown }[];
    errors: { message: string; items: unknown[] }[];
    log: string[];
    /** What workspace.findFiles returns, and the include patterns it was called with. */
    files: { scheme: string; fsPath: string }[];
    searches: unknown[];
    settings: Record<string, unknown>;
}

export const recorded: Recorded = {
    commands: new Map(), providers: [], factories: [], trackers: [], errors: [], log: [], files: [], searches: [], settings: {},
};

const disposable = { dispose: () => undefined };

export const fakeVscode = {
    DebugAdapterExecutable,
    DebugAdapterServer,
    TabInputText,
    TabInputCustom,
    RelativePattern,
    DebugConfigurationProviderTriggerKind: { Initial: 1, Dynamic: 2 },
    commands: {
        registerCommand(id: string, fn: (...args: unknown[]) => unknown) {
            recorded.commands.set(id, fn);
            return disposable;
        },
        executeCommand: async () => undefined,
    },
    debug: {
        registerDebugConfigurationProvider(type: string, provider: unknown, trigger?: number) {
            recorded.providers.push({ type, provider, trigger });
            return disposable;
        },
        registerDebugAdapterDescriptorFactory(type: string, factory: unknown) {
            recorded.factories.push({ type, factory });
            return disposable;
        },
        registerDebugAdapterTrackerFactory(type: string, factory: unknown) {
            recorded.trackers.push({ type, factory });
            return disposable;
        },
    },
    window: {
        createOutputChannel: () => ({ appendLine: (l: string) => recorded.log.push(l), dispose: () => undefined }),
        showErrorMessage: (message: string, ...items: unknown[]) => {
            recorded.errors.push({ message, items });
            return Promise.resolve(undefined);
        },
        tabGroups: { activeTabGroup: { activeTab: undefined } },
    },
    workspace: {
        getConfiguration: (section: string) => ({ get: (key: string) => recorded.settings[`${section}.${key}`] }),
        findFiles: async (include: unknown) => {
            recorded.searches.push(include);
            return recorded.files;
        },
        workspaceFolders: undefined,
    },
};

/** Makes `require('vscode')` return the fake, from now on in this process. */
export function installFakeVscode(): void {
    const loader = Module as unknown as { _load(request: string, parent: unknown, isMain: boolean): unknown };
    const original = loader._load;
    loader._load = function (request: string, parent: unknown, isMain: boolean) {
        return request === 'vscode' ? fakeVscode : original.call(this, request, parent, isMain);
    };
}
