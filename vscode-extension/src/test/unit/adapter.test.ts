// How a session reaches the server: settings, the plan (connect or spawn), the command line, and the trace lines.
import * as assert from 'assert/strict';
import * as path from 'path';
import { describe, it } from 'node:test';
import { ServerError, bundledJar, normalizeSettings, parseListeningLine, planAdapter, serverCommandLine }
    from '../../adapter';
import { describeMessage } from '../../trace';

const EXT = path.resolve('/ext');
const settings = (values: Record<string, unknown> = {}) => normalizeSettings(key => values[key]);
const launch = { type: 'trapdoor', request: 'launch', name: 'n', program: 'a.wasm', cwd: path.resolve('/ws') };

describe('settings', () => {
    it('have defaults and ignore values of the wrong type', () => {
        assert.deepEqual(settings(), { javaHome: undefined, javaOptions: [], serverPort: undefined,
            serverHost: '127.0.0.1', serverJar: undefined, trace: 'off' });
        assert.deepEqual(settings({ 'java.home': ' /jdk ', 'java.options': ['-Xmx4g', 3, ''], 'server.port': 4711,
            'server.host': 'box', 'server.jar': '/t.jar', trace: 'verbose' }),
        { javaHome: '/jdk', javaOptions: ['-Xmx4g'], serverPort: 4711, serverHost: 'box', serverJar: '/t.jar', trace: 'verbose' });
        assert.equal(settings({ 'server.port': 0 }).serverPort, undefined, '0 means: start the bundled server');
        assert.equal(settings({ 'server.port': 99999 }).serverPort, undefined);
        assert.equal(settings({ trace: 'loud' }).trace, 'off');
    });
});

describe('planAdapter', () => {
    it('starts the bundled jar for a launch, in the configuration cwd', () => {
        const jar = bundledJar(EXT);
        assert.equal(jar, path.join(EXT, 'server', 'trapdoor.jar'));
        assert.deepEqual(planAdapter(launch, settings(), EXT, f => f === jar), { kind: 'spawn', jar, cwd: launch.cwd });
    });

    it('starts the jar named by trapdoor.server.jar instead', () => {
        assert.deepEqual(planAdapter(launch, settings({ 'server.jar': '/dev/t.jar' }), EXT, f => f === '/dev/t.jar'),
            { kind: 'spawn', jar: '/dev/t.jar', cwd: launch.cwd });
    });

    it('connects to trapdoor.server.port for a launch, without needing a jar', () => {
        assert.deepEqual(planAdapter(launch, settings({ 'server.port': 4711 }), EXT, () => false),
            { kind: 'connect', host: '127.0.0.1', port: 4711, why: 'trapdoor.server.port' });
    });

    it("connects to an attach configuration's own host and port, whatever the settings", () => {
        const attach = { type: 'trapdoor', request: 'attach', name: 'n', port: 5005, host: 'localhost' };
        assert.deepEqual(planAdapter(attach, settings({ 'server.port': 4711 }), EXT, () => false),
            { kind: 'connect', host: 'localhost', port: 5005, why: 'attach configuration' });
        assert.equal(planAdapter({ ...attach, host: undefined }, settings(), EXT, () => false).kind, 'connect');
    });

    it('says how to fix a missing jar', () => {
        assert.throws(() => planAdapter(launch, settings(), EXT, () => false),
            (e: unknown) => e instanceof ServerError && /bundled debug server is missing.*npm run bundle-jar/.test(e.message));
        assert.throws(() => planAdapter(launch, settings({ 'server.jar': '/nope.jar' }), EXT, () => false),
            /"trapdoor\.server\.jar" is set to \/nope\.jar, which does not exist/);
    });
});

describe('the server command line', () => {
    it('is java [options] -jar JAR dap, memory access allowed first so that the options can override it', () => {
        assert.deepEqual(serverCommandLine('/jdk/bin/java', ['-Xmx4g'], '/ext/server/trapdoor.jar'),
            { command: '/jdk/bin/java', args: ['-Dsun.misc.unsafe.memory.access=allow', '-Xmx4g', '-jar',
                '/ext/server/trapdoor.jar', 'dap'] });
        assert.deepEqual(serverCommandLine('java', [], 'j.jar', ['--port', '0']).args,
            ['-Dsun.misc.unsafe.memory.access=allow', '-jar', 'j.jar', 'dap', '--port', '0']);
    });

    it("reads the port from the server's listening line", () => {
        assert.deepEqual(parseListeningLine('listening on 127.0.0.1:40123\n'), { host: '127.0.0.1', port: 40123 });
        assert.equal(parseListeningLine('INFO: client connected from /127.0.0.1:38398'), undefined);
    });
});

describe('trace lines', () => {
    it('name requests, responses and events', () => {
        assert.equal(describeMessage({ type: 'request', seq: 3, command: 'launch', arguments: {} }, 'messages'),
            'request launch #3');
        assert.equal(describeMessage({ type: 'response', request_seq: 3, command: 'launch', success: false,
            message: 'no program' }, 'messages'), 'response launch #3 failed: no program');
        assert.equal(describeMessage({ type: 'event', event: 'stopped', body: { reason: 'step' } }, 'verbose'),
            'event stopped {"type":"event","event":"stopped","body":{"reason":"step"}}');
    });
});
