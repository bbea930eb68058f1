// Starting and stopping the editor under test: code-server (VS Code 1.100.3) with our .vsix installed, and Debian's
// Chromium driven by playwright-core. Every directory is fresh (a temp dir per run): no state from the user's or an
// earlier run's VS Code.
'use strict';
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');

const CHROMIUM = '/usr/bin/chromium';
const here = path.resolve(__dirname, '..');
const codeServerBin = path.join(here, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

/** Why the test cannot run here, or null. */
function missing() {
    if (!fs.existsSync(CHROMIUM)) {
        return `${CHROMIUM} is missing (apt-get install chromium)`;
    }
    if (!fs.existsSync(codeServerBin) || !fs.existsSync(path.join(here, 'node_modules', 'playwright-core'))) {
        return 'code-server or playwright-core is missing (run vscode-extension/e2e/install.sh)';
    }
    return null;
}

function freePort() {
    return new Promise((resolve, reject) => {
        const s = net.createServer();
        s.listen(0, '127.0.0.1', () => {
            const port = s.address().port;
            s.close(() => resolve(port));
        });
        s.on('error', reject);
    });
}

/** Installs the .vsix into a fresh extensions dir, with code-server's own installer (as a user would). */
function installExtension(vsix, dirs) {
    const r = spawnSync(process.execPath, [codeServerBin, '--extensions-dir', dirs.extensions,
        '--user-data-dir', dirs.userData, '--install-extension', vsix, '--force'], { env: dirs.env, encoding: 'utf8' });
    if (r.status !== 0 || !/successfully installed/i.test(r.stdout + r.stderr)) {
        throw new Error(`installing ${vsix} failed:\n${r.stdout}\n${r.stderr}`);
    }
}

async function waitForHttp(port, deadline, log) {
    while (Date.now() < deadline) {
        const ok = await new Promise(resolve => {
            const s = net.connect(port, '127.0.0.1', () => { s.end(); resolve(true); });
            s.on('error', () => resolve(false));
        });
        if (ok) {
            return;
        }
        await new Promise(r => setTimeout(r, 200));
    }
    throw new Error(`code-server did not listen on ${port} in time:\n${log()}`);
}

/**
 * Starts code-server on `workspace` with the extension installed, and Chromium on it. Returns
 * { page, stop(), logs() }.
 */
async function start({ vsix, workspace, settings }) {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'trapdoor-e2e-'));
    const dirs = {
        root,
        userData: path.join(root, 'user-data'),
        extensions: path.join(root, 'extensions'),
        browser: path.join(root, 'chromium'),
        env: { ...process.env, XDG_CONFIG_HOME: path.join(root, 'config'), XDG_DATA_HOME: path.join(root, 'data') },
    };
    fs.mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
    fs.writeFileSync(path.join(dirs.userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
    installExtension(vsix, dirs);
    const port = await freePort();
    let output = '';
    const server = spawn(process.execPath, [codeServerBin, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
        '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
        '--disable-getting-started-override', '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions,
        '--ignore-last-opened', workspace], { env: dirs.env, stdio: ['ignore', 'pipe', 'pipe'] });
    server.stdout.on('data', d => { output += d; });
    server.stderr.on('data', d => { output += d; });
    const stopServer = () => { try { server.kill('SIGTERM'); } catch (e) { /* gone */ } };
    let browser;
    try {
        await waitForHttp(port, Date.now() + 180_000, () => output);
        const { chromium } = require('playwright-core');
        browser = await chromium.launchPersistentContext(dirs.browser, {
            executablePath: CHROMIUM,
            headless: true,
            args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
                '--disable-component-update', '--disable-sync', '--no-first-run'],
            viewport: { width: 1400, height: 900 },
        });
        const page = browser.pages()[0] || await browser.newPage();
        await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`,
            { waitUntil: 'domcontentloaded', timeout: 120_000 });
        return {
            page,
            dirs,
            logs: () => output,
            async stop() {
                await browser.close().catch(() => {});
                stopServer();
                fs.rmSync(root, { recursive: true, force: true });
            },
        };
    } catch (e) {
        if (browser) {
            await browser.close().catch(() => {});
        }
        stopServer();
        throw e;
    }
}

module.exports = { missing, start, freePort };
