// A program in the WebAssembly text format, debugged with DebugClient against the real server: breakpoints on its
// `.wat` lines (the language the extension lists for breakpoints), frames on text positions, steps by text line.
// Lines come from the `// @marker` comments of examples/count.wat.
import * as assert from 'assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { DebugProtocol } from '@vscode/debugprotocol';
import { TrapdoorClient } from '../support/client';
import { COUNT_WAT, markerLine } from '../support/paths';

describe('debugging examples/count.wat over stdio', { timeout: 60_000 }, () => {
    let dc: TrapdoorClient;

    beforeEach(async () => {
        dc = TrapdoorClient.overStdio();
        await dc.start();
    });

    afterEach(async () => {
        await dc.shutdown();
    });

    it('stops on a .wat line, shows text frames, steps by text line and exits', async () => {
        const call = markerLine('call', COUNT_WAT);
        let verified: DebugProtocol.Breakpoint | undefined;
        await dc.startSession('launch', { type: 'trapdoor', request: 'launch', name: 'wat', program: COUNT_WAT },
            async () => {
                verified = (await dc.setBreakpointsRequest({ source: { path: COUNT_WAT },
                    breakpoints: [{ line: call }] })).body.breakpoints[0];
            });
        assert.equal(verified?.verified, true, JSON.stringify(verified));
        assert.equal(verified?.line, call);

        await dc.stopped('breakpoint');
        const top = await dc.top();
        assert.equal(top.name, 'main');
        assert.equal(top.line, call);
        assert.equal(top.source?.path, COUNT_WAT);

        await dc.setBreakpointsRequest({ source: { path: COUNT_WAT }, breakpoints: [] });
        await dc.stepInRequest({ threadId: 1, granularity: 'line' });
        await dc.stopped('step');
        const inAdd = await dc.top();
        assert.equal(inAdd.name, 'add');
        assert.equal(inAdd.line, markerLine('add', COUNT_WAT));

        await dc.stepOutRequest({ threadId: 1 });
        await dc.stopped('step');
        assert.equal((await dc.top()).name, 'main');

        await dc.continueRequest({ threadId: 1 });
        assert.equal(await dc.exitCode(), 0);
        await dc.next('terminated');
        assert.match(dc.output('stdout'), /sum 6/);
    });
});
