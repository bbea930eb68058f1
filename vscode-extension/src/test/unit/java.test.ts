// Java discovery: the trapdoor.java.home setting, then JAVA_HOME, then PATH; Java 17 or newer; errors with a fix.
import * as assert from 'assert/strict';
import * as path from 'path';
import { describe, it } from 'node:test';
import { JavaError, JavaHost, findJava, locateJava, nodeJavaHost, parseJavaVersion } from '../../java';

function fakeHost(opts: { files?: string[]; env?: Record<string, string>; platform?: NodeJS.Platform;
    versions?: Record<string, string> }): JavaHost & { ran: string[] } {
    const ran: string[] = [];
    return {
        ran,
        platform: opts.platform ?? 'linux',
        env: opts.env ?? {},
        isExecutableFile: f => (opts.files ?? []).includes(f),
        runVersion: async f => {
            ran.push(f);
            const out = opts.versions?.[f];
            if (out === undefined) {
                throw new Error('spawn EACCES');
            }
            return out;
        },
    };
}

const J17 = 'openjdk version "17.0.15" 2025-04-15\nOpenJDK Runtime Environment (build 17.0.15+6)\n';
const J11 = 'openjdk version "11.0.22" 2024-01-16\n';
const J8 = 'java version "1.8.0_292"\nJava(TM) SE Runtime Environment (build 1.8.0_292-b10)\n';
const javaAt = (home: string) => path.join(home, 'bin', 'java');

describe('locateJava', () => {
    it('prefers the trapdoor.java.home setting over JAVA_HOME and PATH', () => {
        const host = fakeHost({ files: [javaAt('/opt/jdk21'), javaAt('/usr/lib/jvm/17'), '/usr/bin/java'],
            env: { JAVA_HOME: '/usr/lib/jvm/17', PATH: '/usr/bin' } });
        assert.deepEqual(locateJava('/opt/jdk21', host), { executable: javaAt('/opt/jdk21'), source: 'trapdoor.java.home' });
    });

    it('uses JAVA_HOME when the setting is empty', () => {
        const host = fakeHost({ files: [javaAt('/usr/lib/jvm/17'), '/usr/bin/java'],
            env: { JAVA_HOME: '/usr/lib/jvm/17', PATH: '/usr/bin' } });
        assert.deepEqual(locateJava('  ', host), { executable: javaAt('/usr/lib/jvm/17'), source: 'JAVA_HOME' });
        assert.deepEqual(locateJava(undefined, host), { executable: javaAt('/usr/lib/jvm/17'), source: 'JAVA_HOME' });
    });

    it('searches PATH in order, also when JAVA_HOME has no java', () => {
        const host = fakeHost({ files: ['/second/java', '/third/java'],
            env: { JAVA_HOME: '/broken', PATH: '/first::/second:/third' } });
        assert.deepEqual(locateJava(undefined, host), { executable: '/second/java', source: 'PATH' });
    });

    it('finds java.exe on a Windows Path', () => {
        const exe = path.join('C:\\jdk\\bin', 'java.exe');
        const host = fakeHost({ platform: 'win32', files: [exe], env: { Path: 'C:\\Windows;"C:\\jdk\\bin"' } });
        assert.deepEqual(locateJava(undefined, host), { executable: exe, source: 'PATH' });
    });

    it('names the setting when it points to no Java, instead of silently using another one', () => {
        const host = fakeHost({ files: ['/usr/bin/java'], env: { PATH: '/usr/bin' } });
        assert.throws(() => locateJava('/opt/nothing', host), (e: unknown) => {
            assert.ok(e instanceof JavaError);
            assert.match(e.message, /"trapdoor\.java\.home" is set to \/opt\/nothing/);
            assert.match(e.message, /Fix: set "trapdoor\.java\.home" to the folder of a JDK 17\+/);
            return true;
        });
    });

    it('says where it looked and how to fix it when there is no Java at all', () => {
        const host = fakeHost({ env: { JAVA_HOME: '/gone', PATH: '/usr/bin:/bin' } });
        assert.throws(() => locateJava(undefined, host), (e: unknown) => {
            assert.ok(e instanceof JavaError);
            assert.match(e.problem, /needs Java 17 or newer.*none was found/);
            assert.match(e.problem, /JAVA_HOME \(\/gone\) has no bin.java/);
            assert.match(e.problem, /no java on PATH/);
            assert.match(e.fix, /install a JDK 17 or newer.*"trapdoor\.java\.home"/);
            return true;
        });
    });
});

describe('parseJavaVersion', () => {
    const cases: [string, number, string][] = [
        [J17, 17, '17.0.15'],
        [J11, 11, '11.0.22'],
        [J8, 8, '1.8.0_292'],
        ['openjdk version "21" 2023-09-19\n', 21, '21'],
        ['openjdk version "22-ea" 2024-03-19\n', 22, '22-ea'],
        ['Picked up JAVA_TOOL_OPTIONS: -Xmx1g\nopenjdk version "17.0.2" 2022-01-18\n', 17, '17.0.2'],
    ];
    for (const [output, major, text] of cases) {
        it(`reads Java ${major} from ${JSON.stringify(output.split('\n')[0])}`, () => {
            assert.deepEqual(parseJavaVersion(output), { major, text });
        });
    }

    it('returns undefined for output without a version', () => {
        assert.equal(parseJavaVersion('Error: could not create the Java Virtual Machine.'), undefined);
    });
});

describe('findJava', () => {
    it('accepts Java 17 and reports where it came from', async () => {
        const host = fakeHost({ files: ['/usr/bin/java'], env: { PATH: '/usr/bin' }, versions: { '/usr/bin/java': J17 } });
        assert.deepEqual(await findJava(undefined, host),
            { executable: '/usr/bin/java', source: 'PATH', major: 17, versionText: '17.0.15' });
    });

    for (const [name, output] of [['11', J11], ['8', J8]] as const) {
        it(`rejects Java ${name} with a message that names it and the fix`, async () => {
            const home = '/usr/lib/jvm/old';
            const host = fakeHost({ files: [javaAt(home)], env: { JAVA_HOME: home }, versions: { [javaAt(home)]: output } });
            await assert.rejects(findJava(undefined, host), (e: unknown) => {
                assert.ok(e instanceof JavaError);
                assert.match(e.message, new RegExp(`needs Java 17 or newer to run its debug server, but .* \\(from JAVA_HOME\\) is Java ${name}`));
                assert.match(e.message, /Fix: install a JDK 17 or newer/);
                return true;
            });
        });
    }

    it('reports a Java that cannot be run', async () => {
        const host = fakeHost({ files: ['/usr/bin/java'], env: { PATH: '/usr/bin' } });
        await assert.rejects(findJava(undefined, host), /Could not run \/usr\/bin\/java -version \(from PATH\): spawn EACCES/);
    });

    it('finds a usable Java on this machine, the way the extension does', async () => {
        const java = await findJava(undefined, nodeJavaHost());
        assert.ok(java.major >= 17, JSON.stringify(java));
        assert.ok(path.isAbsolute(java.executable), java.executable);
    });

    it('finds nothing on this machine with an empty environment', async () => {
        await assert.rejects(findJava(undefined, nodeJavaHost({ PATH: '' })), JavaError);
    });
});
