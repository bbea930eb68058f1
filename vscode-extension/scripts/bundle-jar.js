#!/usr/bin/env node
// Copies the server jar built by the reactor (../dap-server/target/trapdoor.jar) into server/, where the extension
// looks for it and `vsce package` picks it up. The copy is not committed (.gitignore).
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const source = path.resolve(root, '..', 'dap-server', 'target', 'trapdoor.jar');
const target = path.join(root, 'server', 'trapdoor.jar');
if (!fs.existsSync(source)) {
    console.error(`bundle-jar: ${source} is missing; build it from the repository root with: ./mvnw -q package -DskipTests`);
    process.exit(1);
}
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.copyFileSync(source, target);
console.log(`bundle-jar: ${path.relative(root, target)} (${fs.statSync(target).size} bytes)`);
// The class list of a start (see src/startupArchive.ts); without it the server just starts without an archive.
const classList = path.join(path.dirname(source), 'trapdoor.classlist');
if (fs.existsSync(classList)) {
    fs.copyFileSync(classList, path.join(path.dirname(target), 'trapdoor.classlist'));
}
