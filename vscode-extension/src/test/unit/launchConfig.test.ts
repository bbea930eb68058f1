// Configuration resolution: F5 without launch.json, defaults, the checks after variable substitution, and the
// configurations offered for the workspace's .wasm files.
import * as assert from 'assert/strict';
import * as path from 'path';
import { describe, it } from 'node:test';
import { ASK_FOR_PROGRAM, ConfigError, dynamicConfigurations, programChoices, resolveAfterSubstitution,
    resolveBeforeSubstitution } from '../../launchConfig';

const WS = path.resolve('/ws/project');

describe('resolveBeforeSubstitution', () => {
    it('turns F5 without a launch.json into a launch that asks for the program', () => {
        assert.deepEqual(resolveBeforeSubstitution({}, { workspaceFolder: WS }),
            { type: 'trapdoor', request: 'launch', name: 'Debug WebAssembly program', program: ASK_FOR_PROGRAM });
    });

    it('launches the .wasm file that is open instead of asking', () => {
        const file = path.join(WS, 'build', 'app.wasm');
        assert.equal(resolveBeforeSubstitution({}, { activeWasmFile: file }).program, file);
    });

    it('keeps a configuration from launch.json as it is, filling a missing request and program', () => {
        const config = { type: 'trapdoor', request: 'launch', name: 'mine', program: 'a.wasm', args: ['1'] };
        assert.deepEqual(resolveBeforeSubstitution(config, {}), config);
        assert.equal(resolveBeforeSubstitution({ type: 'trapdoor', name: 'x', program: 'a.wasm' }, {}).request, 'launch');
        assert.equal(resolveBeforeSubstitution({ type: 'trapdoor', request: 'launch', name: 'x' }, {}).program, ASK_FOR_PROGRAM);
        assert.equal(resolveBeforeSubstitution({ type: 'trapdoor', request: 'attach', name: 'x', port: 1 }, {}).program,
            undefined, 'attach has no program');
    });
});

describe('resolveAfterSubstitution: launch', () => {
    const launch = (extra: Record<string, unknown>) => ({ type: 'trapdoor', request: 'launch', name: 'n', ...extra });

    it('defaults cwd to the workspace folder, so relative paths do not depend on where the server runs', () => {
        assert.equal(resolveAfterSubstitution(launch({ program: 'build/app.wasm' }), { workspaceFolder: WS }).cwd, WS);
    });

    it('resolves a relative cwd against the workspace folder and keeps an absolute one', () => {
        assert.equal(resolveAfterSubstitution(launch({ program: 'a.wasm', cwd: 'out' }), { workspaceFolder: WS }).cwd,
            path.join(WS, 'out'));
        const abs = path.resolve('/elsewhere');
        assert.equal(resolveAfterSubstitution(launch({ program: 'a.wasm', cwd: abs }), { workspaceFolder: WS }).cwd, abs);
    });

    it("uses the program's directory without a folder, and refuses a relative program then", () => {
        const program = path.resolve('/tmp/x/app.wasm');
        assert.equal(resolveAfterSubstitution(launch({ program }), {}).cwd, path.dirname(program));
        assert.throws(() => resolveAfterSubstitution(launch({ program: 'app.wasm' }), {}),
            /relative path "app\.wasm", but there is no folder open/);
    });

    it('refuses a launch without a program, saying what to write', () => {
        for (const program of [undefined, '', '   ', 3]) {
            assert.throws(() => resolveAfterSubstitution(launch({ program }), { workspaceFolder: WS }),
                (e: unknown) => e instanceof ConfigError && /has no "program".*"program": "\$\{workspaceFolder\}/.test(e.message));
        }
    });

    it('passes the server keys through untouched', () => {
        const keys = { program: ' app.wasm ', args: ['div', 3], env: { A: 'b' }, dirs: { data: '/data' }, stopOnEntry: true,
            invoke: 'fib', emulateFunctionPointerCasts: true, maxCallDepth: 500, sourceMap: { '/b': '/l' }, stdin: 'in.txt' };
        const out = resolveAfterSubstitution(launch(keys), { workspaceFolder: WS });
        assert.deepEqual(out, { ...launch(keys), program: 'app.wasm', cwd: WS });
    });

    it('rejects an unknown request', () => {
        assert.throws(() => resolveAfterSubstitution({ type: 'trapdoor', request: 'run', name: 'n' }, {}), /"launch" or "attach"/);
    });
});

describe('resolveAfterSubstitution: attach', () => {
    const attach = (extra: Record<string, unknown>) => ({ type: 'trapdoor', request: 'attach', name: 'n', ...extra });

    it('defaults the host to loopback and accepts a port substituted as a string', () => {
        assert.deepEqual(resolveAfterSubstitution(attach({ port: ' 4711 ' }), {}),
            { ...attach({}), port: 4711, host: '127.0.0.1' });
        assert.equal(resolveAfterSubstitution(attach({ port: 9, host: 'localhost' }), {}).host, 'localhost');
    });

    it('refuses a missing or impossible port, naming the command that gives one', () => {
        for (const port of [undefined, 0, 70000, 'abc', 1.5]) {
            assert.throws(() => resolveAfterSubstitution(attach({ port }), {}),
                /needs the "port" of a program started with 'trapdoor run --listen PORT PROGRAM\.wasm'/);
        }
    });
});

describe('the workspace .wasm files', () => {
    const files = [path.join(WS, 'zeta.wasm'), path.join(WS, 'build', 'app.wasm'), path.resolve('/other/lib.wasm')];

    it('become one launch configuration each, sorted, workspace-relative when inside the folder', () => {
        const lib = path.resolve('/other/lib.wasm');
        assert.deepEqual(dynamicConfigurations(files, WS), [
            { type: 'trapdoor', request: 'launch', name: 'Debug lib.wasm', program: lib, cwd: path.dirname(lib) },
            { type: 'trapdoor', request: 'launch', name: 'Debug build/app.wasm',
                program: '${workspaceFolder}/build/app.wasm', cwd: '${workspaceFolder}' },
            { type: 'trapdoor', request: 'launch', name: 'Debug zeta.wasm', program: '${workspaceFolder}/zeta.wasm',
                cwd: '${workspaceFolder}' },
        ]);
        assert.deepEqual(dynamicConfigurations([], WS), []);
    });

    it('are offered by name with their folder by AskForProgram', () => {
        assert.deepEqual(programChoices([path.join(WS, 'build', 'app.wasm'), path.join(WS, 'a.wasm')], WS), [
            { label: 'a.wasm', description: '.', file: path.join(WS, 'a.wasm') },
            { label: 'app.wasm', description: 'build', file: path.join(WS, 'build', 'app.wasm') },
        ]);
    });

    it('resolve to a configuration the server accepts (no folder variables left for the server)', () => {
        const config = dynamicConfigurations([path.resolve('/other/lib.wasm')], WS)[0];
        const resolved = resolveAfterSubstitution(config, { workspaceFolder: WS });
        assert.equal(resolved.cwd, path.dirname(path.resolve('/other/lib.wasm')));
    });
});
