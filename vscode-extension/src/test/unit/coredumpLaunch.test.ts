// "Open Wasm coredump": the launch it starts uses only keys the server accepts and names the dump.
import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { describe, it } from 'node:test';
import { coredumpConfiguration } from '../../coredumpLaunch';

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));

describe('coredumpConfiguration', () => {
    it('launches the program with the coredump, in keys of the launch schema', () => {
        const config = coredumpConfiguration('/tmp/ci/core.wasm', '/ws/prog.wasm');
        assert.deepEqual(config, { type: 'trapdoor', request: 'launch', name: 'Coredump core.wasm',
            program: '/ws/prog.wasm', coredump: '/tmp/ci/core.wasm' });
        const launch = manifest.contributes.debuggers[0].configurationAttributes.launch.properties;
        for (const key of Object.keys(config).filter(k => !['type', 'request', 'name'].includes(k))) {
            assert.ok(launch[key], key);
        }
        assert.ok(manifest.contributes.commands.some((c: { command: string }) => c.command === 'trapdoor.openCoredump'));
        assert.ok(manifest.activationEvents.includes('onCommand:trapdoor.openCoredump'));
    });
});
