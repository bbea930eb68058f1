// The VS Code glue, loaded with a fake `vscode` module: what activate registers, the descriptors the factory returns
// (with the real Java of this machine), and how configuration errors reach the person.
import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { beforeEach, describe, it } from 'node:test';
import { DebugAdapterExecutable, DebugAdapterServer, RelativePattern, installFakeVscode, recorded } from '../support/fakeVscode';

installFakeVscode();
// Loaded after the fake is installed.
const extension = require('../../extension') as typeof import('../../extension');

interface Factory {
    createDebugAdapterDescriptor(session: object): Promise<unknown>;
}

interface Provider {
    resolveDebugConfiguration(folder: unknown, config: object): object;
    resolveDebugConfigurationWithSubstitutedVariables(folder: unknown, config: object): object | undefined;
    provideDebugConfigurations?(folder: unknown): Promise<object[]>;
}

const extensionDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trapdoor-ext-'));
fs.mkdirSync(path.join(extensionDir, 'server'));
fs.writeFileSync(path.join(extensionDir, 'server', 'trapdoor.jar'), '');
const subscriptions: { dispose(): unknown }[] = [];
extension.activate({ extensionPath: extensionDir, subscriptions } as never);

const factory = recorded.factories[0].factory as Factory;
const folder = { uri: { fsPath: path.resolve('/ws') }, name: 'ws', index: 0 };
const session = (configuration: object) => ({ configuration, workspaceFolder: folder });

describe('activate', () => {
    it('registers the trapdoor debugger: factory, trackers (trace, exception focus), both configuration providers, AskForProgram and Open Wasm Coredump', () => {
        assert.deepEqual(recorded.factories.map(f => f.type), ['trapdoor']);
        assert.deepEqual(recorded.trackers.map(f => f.type), ['trapdoor', 'trapdoor']);
        assert.deepEqual(recorded.providers.map(p => [p.type, p.trigger]), [['trapdoor', undefined], ['trapdoor', 2]]);
        assert.ok(recorded.commands.has('trapdoor.askForProgram'));
        assert.ok(recorded.commands.has('trapdoor.openCoredump'));
        assert.equal(subscriptions.length, 8);
    });
});

describe('the descriptor factory', () => {
    beforeEach(() => {
        recorded.settings = {};
        recorded.errors = [];
    });

    it('starts the bundled jar with the discovered Java, in the configuration cwd', async () => {
        const d = await factory.createDebugAdapterDescriptor(session({ type: 'trapdoor', request: 'launch', name: 'n',
            program: 'a.wasm', cwd: '/ws' }));
        assert.ok(d instanceof DebugAdapterExecutable);
        assert.ok(path.isAbsolute(d.command) && /java(\.exe)?$/.test(d.command), d.command);
        assert.deepEqual(d.args, ['-Dsun.misc.unsafe.memory.access=allow', '-jar',
            path.join(extensionDir, 'server', 'trapdoor.jar'), 'dap']);
        assert.deepEqual(d.options, { cwd: '/ws' });
        assert.ok(recorded.log.some(l => /^starting .* \(Java \d+.* from (JAVA_HOME|PATH)\)$/.test(l)), recorded.log.join('\n'));
    });

    it('adds trapdoor.java.options before -jar', async () => {
        recorded.settings = { 'trapdoor.java.options': ['-Xmx2g'] };
        const d = await factory.createDebugAdapterDescriptor(session({ type: 'trapdoor', request: 'launch', name: 'n',
            program: 'a.wasm' })) as DebugAdapterExecutable;
        assert.deepEqual(d.args.slice(0, 3), ['-Dsun.misc.unsafe.memory.access=allow', '-Xmx2g', '-jar']);
    });

    it('connects to trapdoor.server.port, and an attach to its own port', async () => {
        recorded.settings = { 'trapdoor.server.port': 4711 };
        const launch = await factory.createDebugAdapterDescriptor(session({ type: 'trapdoor', request: 'launch', name: 'n' }));
        assert.ok(launch instanceof DebugAdapterServer);
        assert.deepEqual([launch.port, launch.host], [4711, '127.0.0.1']);
        const attach = await factory.createDebugAdapterDescriptor(session({ type: 'trapdoor', request: 'attach', name: 'n',
            port: 5005, host: '127.0.0.1' }));
        assert.ok(attach instanceof DebugAdapterServer);
        assert.equal(attach.port, 5005);
    });

    it('refuses to start with a wrong trapdoor.java.home, showing the fix and an Open Settings button', async () => {
        recorded.settings = { 'trapdoor.java.home': '/no/such/jdk' };
        await assert.rejects(factory.createDebugAdapterDescriptor(session({ type: 'trapdoor', request: 'launch', name: 'n',
            program: 'a.wasm' })), /"trapdoor\.java\.home" is set to \/no\/such\/jdk.*Fix:/);
        assert.equal(recorded.errors.length, 1);
        assert.deepEqual(recorded.errors[0].items, ['Open Settings']);
    });
});

describe('the configuration provider', () => {
    const provider = recorded.providers[0].provider as Provider;

    it('makes F5 without launch.json ask for the program', () => {
        assert.equal((provider.resolveDebugConfiguration(folder, {}) as { program: string }).program,
            '${command:AskForProgram}');
    });

    it('cancels a launch without a program, with the message shown', () => {
        recorded.errors = [];
        assert.equal(provider.resolveDebugConfigurationWithSubstitutedVariables(folder,
            { type: 'trapdoor', request: 'launch', name: 'n', program: '' }), undefined);
        assert.match(recorded.errors[0].message, /has no "program"/);
    });

    it('fills the cwd after substitution', () => {
        assert.equal((provider.resolveDebugConfigurationWithSubstitutedVariables(folder,
            { type: 'trapdoor', request: 'launch', name: 'n', program: 'a.wasm' }) as { cwd: string }).cwd, folder.uri.fsPath);
    });

    it("offers a launch of each of the folder's .wasm files (on disk) as a dynamic configuration", async () => {
        const dynamic = recorded.providers[1].provider as Provider;
        assert.deepEqual(await dynamic.provideDebugConfigurations?.(folder), []);
        recorded.files = [{ scheme: 'file', fsPath: path.join(folder.uri.fsPath, 'build', 'app.wasm') },
            { scheme: 'vscode-vfs', fsPath: '/remote/x.wasm' }];
        assert.deepEqual(await dynamic.provideDebugConfigurations?.(folder), [{ type: 'trapdoor', request: 'launch',
            name: 'Debug build/app.wasm', program: '${workspaceFolder}/build/app.wasm', cwd: '${workspaceFolder}' }]);
        assert.deepEqual(recorded.searches.at(-1), new RelativePattern(folder, '**/*.wasm'));
        recorded.files = [];
    });
});
