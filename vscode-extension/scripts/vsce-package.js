#!/usr/bin/env node
// `vsce package` that fails on any warning vsce prints (a missing repository, LICENSE or icon, unbundled files...):
// a .vsix the marketplace would question is a build failure here, not a line scrolled past.
'use strict';
const { spawnSync } = require('child_process');
const path = require('path');

const out = process.argv[2] || 'trapdoor-wasm-debug.vsix';
const vsce = path.join(__dirname, '..', 'node_modules', '@vscode', 'vsce', 'vsce');
const r = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--out', out],
    { cwd: path.join(__dirname, '..'), encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
const text = `${r.stdout}${r.stderr}`;
process.stdout.write(r.stdout);
process.stderr.write(r.stderr);
const warnings = text.split('\n').filter(l => /\bWARNING\b/i.test(l));
if (r.status !== 0) {
    process.exit(r.status ?? 1);
}
if (warnings.length) {
    console.error(`vsce-package: vsce warned (a clean package has no warnings):\n${warnings.join('\n')}`);
    process.exit(1);
}
