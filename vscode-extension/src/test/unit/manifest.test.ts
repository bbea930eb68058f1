// package.json against the server: the launch schema has exactly the keys the server's LaunchArguments accepts, with
// the types its parsers expect; snippets and initial configurations use only those keys; settings are documented and
// read by the extension.
import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { describe, it } from 'node:test';
import { normalizeSettings } from '../../adapter';
import { EXTENSION_ROOT, REPO_ROOT } from '../support/paths';

interface Schema {
    type?: string | string[];
    description?: string;
    markdownDescription?: string;
    default?: unknown;
    enum?: unknown[];
    properties?: Record<string, Schema>;
    required?: string[];
}

const manifest = JSON.parse(fs.readFileSync(path.join(EXTENSION_ROOT, 'package.json'), 'utf8'));
const debuggerContribution = manifest.contributes.debuggers[0];
const launchSchema: Schema = debuggerContribution.configurationAttributes.launch;
const attachSchema: Schema = debuggerContribution.configurationAttributes.attach;
const SESSION = path.join(REPO_ROOT, 'dap-server', 'src', 'main', 'java', 'dev', 'trapdoor', 'dap', 'session');
const launchArgumentsJava = fs.readFileSync(path.join(SESSION, 'LaunchArguments.java'), 'utf8');
const CLIENT_KEYS = ['type', 'request', 'name'];

/** The server's accepted launch keys: `KEYS = Set.of("program", ...)` in LaunchArguments.java. */
function serverLaunchKeys(): string[] {
    const m = /\bKEYS = Set\.of\(([^)]*)\)/.exec(launchArgumentsJava);
    assert.ok(m, 'LaunchArguments.KEYS not found');
    return [...m[1].matchAll(/"([^"]+)"/g)].map(k => k[1]).sort();
}

/** How the server parses each key: `bool(a, "stopOnEntry")` and so on. */
function serverParsers(): Map<string, string> {
    const parsers = new Map<string, string>();
    for (const m of launchArgumentsJava.matchAll(/\b(string|bool|integer|number|strings|stringMap|dirs|memorySize)\(a, (?:"([^"]+)"|cwd)/g)) {
        const key = m[2] ?? 'dirs';
        if (!parsers.has(key)) {
            parsers.set(key, m[1]);
        }
    }
    return parsers;
}

const EXPECTED_TYPE: Record<string, string | string[]> = {
    string: 'string', bool: 'boolean', integer: 'integer', number: 'number', strings: 'array', stringMap: 'object', dirs: ['object', 'array'],
    memorySize: ['integer', 'string'],
};

describe('the launch schema', () => {
    it('has exactly the keys the server accepts', () => {
        assert.deepEqual(Object.keys(launchSchema.properties ?? {}).sort(), serverLaunchKeys());
        assert.deepEqual(launchSchema.required, ['program']);
    });

    it("gives each key the type the server's parser expects", () => {
        const parsers = serverParsers();
        for (const key of serverLaunchKeys()) {
            const parser = parsers.get(key);
            assert.ok(parser, `no parser found for ${key}`);
            assert.deepEqual(launchSchema.properties?.[key].type, EXPECTED_TYPE[parser], key);
        }
    });

    it('describes every key, with a default where one makes sense', () => {
        for (const [key, schema] of Object.entries(launchSchema.properties ?? {})) {
            assert.ok((schema.description ?? schema.markdownDescription ?? '').length > 30, `${key} is described`);
            if (!['invoke', 'stdin', 'timeLimit', 'maxMemory', 'coredump', 'coredumpOnTrap'].includes(key)) { // no limits or files unless given
                assert.notEqual(schema.default, undefined, `${key} has a default`);
            }
        }
        assert.equal(launchSchema.properties?.program.default, '${command:AskForProgram}');
    });
});

describe('the attach schema', () => {
    it('needs a port and offers what the server reads on attach', () => {
        assert.deepEqual(Object.keys(attachSchema.properties ?? {}).sort(), ['host', 'port', 'stopOnEntry']);
        assert.deepEqual(attachSchema.required, ['port']);
        const session = fs.readFileSync(path.join(SESSION, 'DebugSession.java'), 'utf8');
        assert.match(session, /arguments\.get\("stopOnEntry"\)/, 'the server reads stopOnEntry on attach');
        for (const [key, schema] of Object.entries(attachSchema.properties ?? {})) {
            assert.ok(schema.description, `${key} is described`);
            assert.notEqual(schema.default, undefined, `${key} has a default`);
        }
    });
});

describe('configurations offered by the manifest', () => {
    const bodies: Record<string, unknown>[] = [...debuggerContribution.initialConfigurations,
        ...debuggerContribution.configurationSnippets.map((s: { body: Record<string, unknown> }) => s.body)];

    it('use only keys the server accepts', () => {
        const launchKeys = [...serverLaunchKeys(), ...CLIENT_KEYS];
        const attachKeys = [...Object.keys(attachSchema.properties ?? {}), ...CLIENT_KEYS];
        for (const body of bodies) {
            assert.equal(body.type, 'trapdoor');
            const allowed = body.request === 'attach' ? attachKeys : launchKeys;
            for (const key of Object.keys(body)) {
                assert.ok(allowed.includes(key), `${key} in ${JSON.stringify(body)}`);
            }
            assert.ok(body.request === 'attach' ? body.port !== undefined : body.program !== undefined, JSON.stringify(body));
        }
    });

    it('include the three snippets: a WASI program, an export, a port', () => {
        const snippets: { label: string; body: Record<string, unknown> }[] = debuggerContribution.configurationSnippets;
        assert.equal(snippets.length, 3);
        assert.ok(snippets.some(s => s.body.request === 'launch' && s.body.invoke === undefined && /WASI/.test(s.label)));
        assert.ok(snippets.some(s => s.body.request === 'launch' && typeof s.body.invoke === 'string'));
        assert.ok(snippets.some(s => s.body.request === 'attach' && s.body.port !== undefined));
    });
});

describe('the rest of the contribution', () => {
    it('enables breakpoints in C, C++, Rust, Zig and WAT files', () => {
        assert.deepEqual(manifest.contributes.breakpoints.map((b: { language: string }) => b.language),
            ['c', 'cpp', 'rust', 'zig', 'wat']);
    });

    it('defines the AskForProgram variable with a command the extension activates on', () => {
        const command = debuggerContribution.variables.AskForProgram;
        assert.equal(command, 'trapdoor.askForProgram');
        assert.ok(manifest.contributes.commands.some((c: { command: string }) => c.command === command));
        assert.ok(manifest.activationEvents.includes(`onCommand:${command}`));
        assert.ok(manifest.activationEvents.includes('onDebugDynamicConfigurations:trapdoor'));
        assert.ok(manifest.activationEvents.includes('onDebugResolve:trapdoor'));
    });

    it('documents every setting, and the extension reads exactly those', () => {
        const properties: Record<string, Schema> = manifest.contributes.configuration.properties;
        for (const [key, schema] of Object.entries(properties)) {
            assert.ok((schema.markdownDescription ?? schema.description ?? '').length > 20, `${key} is documented`);
            assert.notEqual(schema.default, undefined, `${key} has a default`);
        }
        const read: string[] = [];
        normalizeSettings(key => { read.push(`trapdoor.${key}`); return undefined; });
        assert.deepEqual(read.sort(), Object.keys(properties).sort());
        assert.deepEqual(properties['trapdoor.trace'].enum, ['off', 'messages', 'verbose']);
    });

    it('targets a VS Code no newer than its API typings (vsce refuses otherwise)', () => {
        const typings = manifest.devDependencies['@types/vscode'];
        assert.equal(manifest.engines.vscode, `^${typings}`);
        assert.equal(manifest.main, './out/extension.js');
    });
});

describe('the product metadata', () => {
    it('names a publisher, the repository, an icon that exists, categories and keywords', () => {
        assert.match(manifest.publisher, /^[a-z0-9][a-z0-9-]*$/);
        assert.ok(!/example|placeholder|todo|publisher/i.test(manifest.publisher), manifest.publisher);
        assert.equal(manifest.license, 'Apache-2.0');
        assert.match(manifest.repository.url, /^https:\/\/github\.com\/.+\.git$/);
        assert.ok(fs.existsSync(path.join(EXTENSION_ROOT, manifest.icon)), manifest.icon);
        assert.ok(fs.readFileSync(path.join(EXTENSION_ROOT, manifest.icon)).subarray(1, 4).toString() === 'PNG');
        assert.ok(manifest.categories.includes('Debuggers'));
        assert.ok(manifest.keywords.length >= 5);
    });

    it('is published under the name the IntelliJ plugin gives as its vendor', () => {
        const pluginXml = fs.readFileSync(path.join(REPO_ROOT, 'intellij-plugin', 'plugin', 'src', 'main', 'resources',
            'META-INF', 'plugin.xml'), 'utf8');
        const vendor = /<vendor>([^<]+)<\/vendor>/.exec(pluginXml);
        assert.ok(vendor, 'plugin.xml has a <vendor>');
        assert.equal(manifest.publisher, vendor[1].trim().toLowerCase());
    });

    it("brings Microsoft's Hex Editor along for the memory view", () => {
        assert.ok([...(manifest.extensionPack ?? []), ...(manifest.extensionDependencies ?? [])]
            .includes('ms-vscode.hexeditor'));
    });

    it('is packaged by a script that fails on any vsce warning', () => {
        assert.match(manifest.scripts.package, /vsce-package\.js/);
        assert.doesNotMatch(manifest.scripts.package, /--allow-/);
    });
});
