#!/usr/bin/env node
// Lists the .vsix and fails when the server jar, README, LICENSE, CHANGELOG or extension code is missing (run by the
// Maven build after `npm run package`). Needs `npm run compile` first.
'use strict';
const fs = require('fs');
const path = require('path');
const { checkVsixFile } = require('../out/build/vsixContents.js');

const file = path.resolve(__dirname, '..', process.argv[2] || 'trapdoor-wasm-debug.vsix');
if (!fs.existsSync(file)) {
    console.error(`check-vsix: ${file} does not exist; build it with: npm run package`);
    process.exit(1);
}
const { entries, problems } = checkVsixFile(file);
console.log(`${path.basename(file)}: ${entries.length} entries`);
for (const e of entries) {
    console.log(`  ${e}`);
}
if (problems.length > 0) {
    for (const p of problems) {
        console.error(`check-vsix: ${p}`);
    }
    process.exit(1);
}
console.log('check-vsix: ok');
