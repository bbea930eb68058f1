#!/usr/bin/env node
// The extension in a real VS Code: code-server with the built .vsix, driven through Debian's Chromium. Each flow a
// user runs is a named step; every step leaves a screenshot in target/e2e-screenshots/ and a failing check names its
// step. Skips with a *** line where Chromium or code-server is missing, like the repository's other optional tests.
//
//   node e2e/run-e2e.js [path/to/extension.vsix]     (default: ../trapdoor-wasm-debug.vsix)
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const editor = require('./lib/editor');
const { Workbench } = require('./lib/workbench');
const { flows } = require('./flows');

const extensionDir = path.resolve(__dirname, '..');
const repo = path.resolve(extensionDir, '..');

function workspace(attachPort) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trapdoor-e2e-ws-'));
    // The examples' DWARF names their sources relative to the repository root (examples/debugme.c).
    fs.mkdirSync(path.join(dir, 'examples'));
    for (const f of ['debugme.c', 'debugme.wasm', 'cvars.c', 'cvars.wasm', 'trap.c', 'trap.wasm']) {
        fs.copyFileSync(path.join(repo, 'examples', f), path.join(dir, 'examples', f));
    }
    fs.mkdirSync(path.join(dir, '.vscode'));
    const launch = fs.readFileSync(path.join(__dirname, 'workspace', 'launch.json'), 'utf8');
    fs.writeFileSync(path.join(dir, '.vscode', 'launch.json'), launch.replace('"port": 4711', `"port": ${attachPort}`));
    return dir;
}

/** Copies the "Trapdoor" output channel (the DAP traffic, trapdoor.trace in settings.json) next to the screenshots. */
function keepTrace(userData, shots) {
    const logs = path.join(userData, 'logs');
    const found = fs.existsSync(logs) ? fs.readdirSync(logs, { recursive: true })
        .filter(f => /Trapdoor\.log$/.test(f)) : [];
    for (const f of found) {
        fs.copyFileSync(path.join(logs, f), path.join(shots, 'trapdoor-dap-trace.log'));
    }
}

async function main() {
    const vsix = path.resolve(process.argv[2] || path.join(extensionDir, 'trapdoor-wasm-debug.vsix'));
    const why = editor.missing() || (fs.existsSync(vsix) ? null : `${vsix} is missing (npm run package)`);
    if (why) {
        console.error(`*** vscode-extension e2e: skipped: ${why}`);
        return 0;
    }
    const shots = path.join(extensionDir, 'target', 'e2e-screenshots');
    fs.rmSync(shots, { recursive: true, force: true });
    fs.mkdirSync(shots, { recursive: true });
    const attachPort = await editor.freePort();
    const ws = workspace(attachPort);
    const settings = JSON.parse(fs.readFileSync(path.join(__dirname, 'workspace', 'settings.json'), 'utf8'));
    const started = Date.now();
    const session = await editor.start({ vsix, workspace: ws, settings });
    const jar = path.join(session.dirs.extensions, fs.readdirSync(session.dirs.extensions)
        .find(d => d.includes('trapdoor-wasm-debug')), 'server', 'trapdoor.jar');
    const bench = new Workbench(session.page, shots, { workspace: ws, repo, jar, attachPort });
    let failed = null;
    try {
        await bench.ready();
        await bench.dismissStrayDialogs();
        const only = (process.env.TRAPDOOR_E2E_FLOWS || '').split(',').filter(Boolean);
        for (const [name, flow] of flows.filter(([n]) => !only.length || only.includes(n))) {
            const t = Date.now();
            try {
                await flow(bench);
                await bench.shot(name);
                console.log(`e2e: ${name}: ok (${Date.now() - t} ms)`);
            } catch (e) {
                await bench.shot(`${name}-FAILED`).catch(() => {});
                const dialogs = bench.dialogsSeen.length ? `\n(dialogs seen: ${bench.dialogsSeen.join(' | ')})` : '';
                failed = `e2e step '${name}' failed: ${e.message}${dialogs}`;
                break;
            }
        }
    } finally {
        keepTrace(session.dirs.userData, shots);
        if (failed) {
            console.error(failed);
            console.error('--- code-server log (tail) ---\n' + session.logs().split('\n').slice(-40).join('\n'));
        }
        await session.stop();
        fs.rmSync(ws, { recursive: true, force: true });
    }
    console.log(`e2e: ${failed ? 'FAILED' : 'passed'} in ${((Date.now() - started) / 1000).toFixed(1)} s;`
        + ` screenshots in ${path.relative(process.cwd(), shots)}`);
    return failed ? 1 : 0;
}

main().then(code => process.exit(code), e => {
    console.error(`e2e: ${e.stack || e}`);
    process.exit(1);
});
