// The class-data-sharing archive of the bundled server: when it is used, when it is built.
import * as assert from 'assert/strict';
import { describe, it } from 'node:test';
import { archiveOptions, dumpCommand } from '../../startupArchive';

describe('the start-up archive', () => {
    const jar = '/ext/server/trapdoor.jar';

    it('starts the server from the archive once it exists', () => {
        assert.deepEqual(archiveOptions(jar, f => f === '/ext/server/trapdoor.jsa'),
            ['-XX:SharedArchiveFile=/ext/server/trapdoor.jsa', '-XX:+UnlockDiagnosticVMOptions',
                '-XX:ArchiveRelocationMode=0']);
        assert.deepEqual(archiveOptions(jar, () => false), []);
    });

    it('dumps it from the shipped class list when it is missing, and only then', () => {
        const dump = dumpCommand('/jdk/bin/java', jar, f => f.endsWith('.classlist'));
        assert.ok(dump);
        assert.equal(dump.command, '/jdk/bin/java');
        assert.deepEqual(dump.args.slice(0, 2), ['-Xshare:dump', '-XX:SharedClassListFile=/ext/server/trapdoor.classlist']);
        assert.ok(dump.args[2].startsWith('-XX:SharedArchiveFile=/ext/server/trapdoor.jsa.'), dump.args[2]);
        assert.deepEqual(dump.args.slice(3), ['-cp', jar]);
        assert.equal(dumpCommand('java', jar, () => true), undefined, 'already built');
        assert.equal(dumpCommand('java', jar, () => false), undefined, 'no class list shipped');
    });
});
