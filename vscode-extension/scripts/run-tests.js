#!/usr/bin/env node
// npm test: the unit tests (no VS Code, no server), then the adapter tests (DebugClient against the real server jar
// through ../bin/trapdoor dap). `node scripts/run-tests.js unit` or `adapter` runs one group. Needs `npm run compile`.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const groups = { unit: 'out/test/unit', adapter: 'out/test/adapter' };
const chosen = process.argv.slice(2);
const run = chosen.length ? chosen : Object.keys(groups);

for (const group of run) {
    const dir = groups[group];
    if (!dir) {
        console.error(`run-tests: unknown group '${group}' (known: ${Object.keys(groups).join(', ')})`);
        process.exit(2);
    }
    if (!fs.existsSync(path.join(root, dir))) {
        console.error(`run-tests: ${dir} is missing; compile first: npm run compile`);
        process.exit(1);
    }
    if (group === 'adapter') {
        const jar = path.resolve(root, '..', 'dap-server', 'target', 'trapdoor.jar');
        if (!fs.existsSync(jar)) {
            console.error(`run-tests: ${jar} is missing; build it from the repository root: ./mvnw -q package -DskipTests`);
            process.exit(1);
        }
    }
    const files = fs.readdirSync(path.join(root, dir)).filter(f => f.endsWith('.test.js')).sort()
        .map(f => path.join(dir, f));
    console.log(`run-tests: ${group}: ${files.length} files`);
    const result = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...files],
        { cwd: root, stdio: 'inherit' });
    if (result.status !== 0) {
        console.error(`run-tests: ${group} tests failed`);
        process.exit(result.status ?? 1);
    }
}
