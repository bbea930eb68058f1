// The .vsix contents check: the zip listing (on the server jar, a real zip) and the rules.
import * as assert from 'assert/strict';
import * as fs from 'fs';
import { describe, it } from 'node:test';
import { checkVsixEntries, zipEntries } from '../../build/vsixContents';
import { SERVER_JAR } from '../support/paths';

const COMPLETE = ['extension.vsixmanifest', '[Content_Types].xml', 'extension/package.json', 'extension/readme.md',
    'extension/changelog.md', 'extension/LICENSE.txt', 'extension/out/extension.js', 'extension/server/trapdoor.jar',
    'extension/images/icon.png', 'extension/server/trapdoor.classlist'];

describe('zipEntries', () => {
    it('lists the entries of a real zip (the server jar)', { skip: !fs.existsSync(SERVER_JAR) && 'no server jar' }, () => {
        const entries = zipEntries(fs.readFileSync(SERVER_JAR));
        assert.ok(entries.includes('META-INF/MANIFEST.MF'), entries.slice(0, 5).join(', '));
        assert.ok(entries.some(e => e.startsWith('dev/trapdoor/dap/')));
    });

    it('refuses what is not a zip', () => {
        assert.throws(() => zipEntries(Buffer.from('not a zip at all, just some text that is long enough')), /not a zip/);
    });
});

describe('checkVsixEntries', () => {
    it('accepts a complete package', () => {
        assert.deepEqual(checkVsixEntries(COMPLETE), []);
    });

    it('names each missing piece', () => {
        const problems = checkVsixEntries(COMPLETE.filter(e => !/trapdoor\.jar|LICENSE/.test(e)));
        assert.equal(problems.length, 2, problems.join('\n'));
        assert.match(problems.join('\n'), /missing the bundled server jar/);
        assert.match(problems.join('\n'), /missing the LICENSE/);
    });

    it('refuses sources, tests and node_modules', () => {
        const problems = checkVsixEntries([...COMPLETE, 'extension/src/java.ts', 'extension/out/test/unit/a.test.js',
            'extension/node_modules/x/index.js']);
        assert.equal(problems.length, 3, problems.join('\n'));
    });
});
