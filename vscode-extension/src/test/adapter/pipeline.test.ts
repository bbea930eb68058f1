// The extension's own path to a session, against the real server: configuration resolution, Java discovery and the
// command line the descriptor factory runs (stdio), a server already running on a port (`trapdoor.server.port`), and
// an attach configuration to `trapdoor run --listen`.
import * as assert from 'assert/strict';
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import { afterEach, describe, it } from 'node:test';
import { normalizeSettings, parseListeningLine, planAdapter, serverCommandLine, Settings } from '../../adapter';
import { findJava, nodeJavaHost } from '../../java';
import { DebugConfig, resolveAfterSubstitution, resolveBeforeSubstitution } from '../../launchConfig';
import { TrapdoorClient } from '../support/client';
import { DEBUGME_C, DEBUGME_WASM, EXAMPLES, EXTENSION_ROOT, SERVER_JAR, TRAPDOOR_SCRIPT, markerLine } from '../support/paths';

function settings(values: Record<string, unknown>): Settings {
    return normalizeSettings(key => values[key]);
}

/** Waits for a `listening on HOST:PORT` line on the stream. */
function listeningPort(proc: ChildProcess, stream: 'stdout' | 'stderr'): Promise<number> {
    return new Promise((resolve, reject) => {
        let text = '';
        const timer = setTimeout(() => reject(new Error(`no 'listening on' line: ${text}`)), 15_000);
        proc[stream]!.on('data', (chunk: Buffer) => {
            text += chunk.toString();
            for (const line of text.split('\n')) {
                const found = parseListeningLine(line);
                if (found) {
                    clearTimeout(timer);
                    resolve(found.port);
                    return;
                }
            }
        });
        proc.on('exit', code => reject(new Error(`exited with ${code} before listening: ${text}`)));
    });
}

function exited(proc: ChildProcess): Promise<number | null> {
    return proc.exitCode !== null ? Promise.resolve(proc.exitCode) : new Promise(resolve => proc.on('exit', code => resolve(code)));
}

describe('the extension starting or reaching the real server', { timeout: 60_000 }, () => {
    const processes: ChildProcess[] = [];
    const clients: TrapdoorClient[] = [];

    afterEach(async () => {
        for (const c of clients.splice(0)) {
            await c.shutdown();
        }
        for (const p of processes.splice(0)) {
            if (p.exitCode === null) {
                p.kill();
            }
        }
    });

    it('runs a launch.json configuration on the server it starts with the discovered Java over stdio', async () => {
        const fromLaunchJson = { type: 'trapdoor', request: 'launch', name: 'Debug debugme', program: 'debugme.wasm', args: [] };
        const config = resolveAfterSubstitution(resolveBeforeSubstitution(fromLaunchJson, { workspaceFolder: EXAMPLES }),
            { workspaceFolder: EXAMPLES });
        assert.equal(config.cwd, EXAMPLES);

        const s = settings({ 'server.jar': SERVER_JAR, 'java.options': ['-Xshare:auto'] });
        const plan = planAdapter(config, s, EXTENSION_ROOT, f => fs.existsSync(f));
        assert.equal(plan.kind, 'spawn');
        const java = await findJava(s.javaHome, nodeJavaHost());
        assert.ok(java.major >= 17);
        const cmd = serverCommandLine(java.executable, s.javaOptions, plan.kind === 'spawn' ? plan.jar : '');
        // Started from another directory than the program's: the resolved cwd is what makes 'debugme.wasm' work.
        const proc = spawn(cmd.command, cmd.args, { cwd: EXTENSION_ROOT, stdio: 'pipe' });
        processes.push(proc);
        const dc = new TrapdoorClient(cmd.command, '', 'trapdoor');
        clients.push(dc);
        dc.connectToProcess(proc);

        await dc.startSession('launch', config, () =>
            dc.setBreakpointsRequest({ source: { path: DEBUGME_C }, breakpoints: [{ line: markerLine('print-total') }] }));
        await dc.stopped('breakpoint');
        const top = await dc.top();
        assert.equal(top.name, 'main');
        assert.equal(top.line, markerLine('print-total'));
        await dc.continueRequest({ threadId: 1 });
        assert.equal(await dc.exitCode(), 0);
        assert.match(dc.output('stdout'), /total 16/);
    });

    it('connects to a server already running on trapdoor.server.port', async () => {
        const server = spawn(TRAPDOOR_SCRIPT, ['dap', '--port', '0'], { cwd: EXAMPLES, stdio: 'pipe' });
        processes.push(server);
        const port = await listeningPort(server, 'stdout');

        const config = resolveAfterSubstitution({ type: 'trapdoor', request: 'launch', name: 'div', program: 'debugme.wasm',
            args: ['div'] }, { workspaceFolder: EXAMPLES });
        const plan = planAdapter(config, settings({ 'server.port': port }), EXTENSION_ROOT, () => false);
        assert.deepEqual(plan, { kind: 'connect', host: '127.0.0.1', port, why: 'trapdoor.server.port' });

        const dc = new TrapdoorClient('unused', 'unused', 'trapdoor');
        clients.push(dc);
        await dc.start(plan.kind === 'connect' ? plan.port : 0);
        await dc.startSession('launch', config, () => dc.setExceptionBreakpointsRequest({ filters: ['trap.all'] }));
        await dc.stopped('exception');
        const info = (await dc.exceptionInfoRequest({ threadId: 1 })).body;
        assert.equal(info.exceptionId, 'trap.integer-divide-by-zero');
        assert.equal(info.breakMode, 'always');
        await dc.continueRequest({ threadId: 1 });
        assert.equal(await dc.exitCode(), 134);
    });

    it('attaches to a program started with trapdoor run --listen', async () => {
        const program = spawn(TRAPDOOR_SCRIPT, ['run', '--listen', '0', DEBUGME_WASM], { cwd: EXAMPLES, stdio: 'pipe' });
        processes.push(program);
        let programOut = '';
        program.stdout!.on('data', (b: Buffer) => { programOut += b.toString(); });
        const port = await listeningPort(program, 'stderr');

        // As from an "${input:port}" variable: a string.
        const config: DebugConfig = resolveAfterSubstitution(
            { type: 'trapdoor', request: 'attach', name: 'attach', port: String(port) }, {});
        assert.equal(config.host, '127.0.0.1');
        const plan = planAdapter(config, settings({}), EXTENSION_ROOT, () => false);
        assert.deepEqual(plan, { kind: 'connect', host: '127.0.0.1', port, why: 'attach configuration' });

        const dc = new TrapdoorClient('unused', 'unused', 'trapdoor');
        clients.push(dc);
        await dc.start(port);
        await dc.startSession('attach', config, () =>
            dc.setBreakpointsRequest({ source: { path: DEBUGME_C }, breakpoints: [{ line: markerLine('scale') }] }));
        await dc.stopped('breakpoint');
        assert.equal((await dc.top()).name, 'scale');
        await dc.setBreakpointsRequest({ source: { path: DEBUGME_C }, breakpoints: [] });
        await dc.continueRequest({ threadId: 1 });
        assert.equal(await dc.exitCode(), 0);
        await dc.shutdown(); // as VS Code disconnects once the program ended; the program then ends too
        assert.equal(await exited(program), 0);
        assert.match(programOut, /total 16/);
    });
});
