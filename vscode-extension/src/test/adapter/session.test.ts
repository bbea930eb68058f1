// The debugger features VS Code relies on, driven with DebugClient against the real server (`bin/trapdoor dap` over
// stdio, on examples/debugme.wasm). Lines come from the `// @marker` comments of examples/debugme.c.
import * as assert from 'assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { DebugProtocol } from '@vscode/debugprotocol';
import { TrapdoorClient } from '../support/client';
import { DEBUGME_C, DEBUGME_WASM, markerLine } from '../support/paths';

function launchArgs(...args: string[]): Record<string, unknown> {
    return { type: 'trapdoor', request: 'launch', name: 'test', program: DEBUGME_WASM, args };
}

function lineBreakpoints(dc: TrapdoorClient, ...breakpoints: DebugProtocol.SourceBreakpoint[]) {
    return dc.setBreakpointsRequest({ source: { path: DEBUGME_C }, breakpoints });
}

describe('debugging examples/debugme.wasm over stdio', { timeout: 60_000 }, () => {
    let dc: TrapdoorClient;

    beforeEach(async () => {
        dc = TrapdoorClient.overStdio();
        await dc.start();
    });

    afterEach(async () => {
        await dc.shutdown();
    });

    it('advertises what VS Code needs for its views, with one exception filter per trap kind', async () => {
        const caps = await dc.initializeRequest();
        const body = caps.body ?? {};
        for (const flag of ['supportsConfigurationDoneRequest', 'supportsDisassembleRequest',
            'supportsInstructionBreakpoints', 'supportsReadMemoryRequest', 'supportsWriteMemoryRequest',
            'supportsExceptionInfoRequest', 'supportsExceptionFilterOptions', 'supportsLogPoints',
            'supportsConditionalBreakpoints', 'supportsHitConditionalBreakpoints', 'supportsSteppingGranularity',
            'supportsFunctionBreakpoints', 'supportsEvaluateForHovers', 'supportsSetVariable'] as const) {
            assert.equal(body[flag], true, flag);
        }
        const filters = (body.exceptionBreakpointFilters ?? []).map(f => f.filter);
        assert.ok(filters.includes('trap.all'), filters.join(', '));
        for (const kind of ['unreachable', 'memory-out-of-bounds', 'integer-divide-by-zero', 'integer-overflow',
            'indirect-call-type-mismatch', 'call-stack-exhausted', 'invalid-conversion-to-integer']) {
            assert.ok(filters.includes(`trap.${kind}`), `trap.${kind} in ${filters.join(', ')}`);
        }
        assert.equal(new Set(filters).size, filters.length, 'filter ids are unique');
        for (const f of body.exceptionBreakpointFilters ?? []) {
            assert.ok(f.label.length > 0 && f.supportsCondition, JSON.stringify(f));
        }
    });

    it('stops at a C line breakpoint, shows the stack and variables, steps, and exits with the output', async () => {
        const call = markerLine('call-scale');
        let verified: DebugProtocol.Breakpoint | undefined;
        await dc.startSession('launch', launchArgs(), async () => {
            verified = (await lineBreakpoints(dc, { line: call })).body.breakpoints[0];
        });
        assert.equal(verified?.verified, true, JSON.stringify(verified));
        assert.equal(verified?.line, call);

        const stop = await dc.stopped('breakpoint');
        assert.equal(stop.body.threadId, 1);
        const frames = await dc.frames();
        assert.deepEqual(frames.slice(0, 2).map(f => f.name), ['sum', 'main']);
        assert.equal(frames[0].line, call);
        assert.equal(frames[0].source?.path, DEBUGME_C);
        assert.match(frames[0].instructionPointerReference ?? '', /^0x[0-9a-f]+$/);
        assert.equal(frames[1].line, markerLine('call-sum'));

        // sum(4, 2): the parameters are the first Wasm locals.
        const locals = await dc.variablesOf(frames[0].id, 'Wasm Locals');
        assert.equal(locals[0].value, '4', JSON.stringify(locals));
        assert.equal(locals[0].type, 'i32');
        assert.equal(locals[1].value, '2', JSON.stringify(locals));
        assert.ok(locals.every(v => v.evaluateName), 'every local can be watched');

        await lineBreakpoints(dc); // clear, so the steps below are not interrupted
        await dc.stepInRequest({ threadId: 1, granularity: 'line' });
        await dc.stopped('step');
        const inScale = await dc.top();
        assert.equal(inScale.name, 'scale');
        assert.equal(inScale.line, markerLine('scale'));

        await dc.stepOutRequest({ threadId: 1 });
        await dc.stopped('step');
        assert.equal((await dc.top()).name, 'sum');
        await dc.nextRequest({ threadId: 1, granularity: 'line' });
        await dc.stopped('step');
        const afterNext = await dc.top();
        assert.equal(afterNext.name, 'sum', 'next does not enter scale()');

        await dc.continueRequest({ threadId: 1 });
        assert.equal(await dc.exitCode(), 0);
        await dc.next('terminated');
        assert.match(dc.output('stdout'), /total 16/);
    });

    it('stops on a division by zero through its trap filter, with the exceptionInfo VS Code shows', async () => {
        await dc.startSession('launch', launchArgs('div'), () =>
            // What VS Code sends when supportsExceptionFilterOptions is on.
            dc.setExceptionBreakpointsRequest({ filters: [], filterOptions: [{ filterId: 'trap.integer-divide-by-zero' }] }));
        const stop = await dc.stopped('exception');
        const top = await dc.top();
        assert.equal(top.name, 'divide');
        assert.equal(top.line, markerLine('divide'));
        assert.equal(top.source?.path, DEBUGME_C);

        const info = (await dc.exceptionInfoRequest({ threadId: stop.body.threadId ?? 1 })).body;
        assert.equal(info.exceptionId, 'trap.integer-divide-by-zero');
        assert.match(info.description ?? '', /integer divide by zero/);
        assert.match(info.description ?? '', /i32\.div_s 14, 0/);
        const fields = new Map((info.details?.innerException ?? []).map(d => [d.typeName, d.message]));
        assert.equal(fields.get('left'), '14');
        assert.equal(fields.get('right'), '0');

        await dc.continueRequest({ threadId: 1 });
        assert.equal(await dc.exitCode(), 134, 'a trap exits like trapdoor run');
        assert.match(dc.output('stdout'), /dividing/);
        assert.match(dc.output('stderr'), /integer divide by zero/);
    });

    it('disassembles around the pc, steps by instruction and stops at an instruction breakpoint', async () => {
        let scalePc = '';
        await dc.startSession('launch', launchArgs(), async () => {
            const bp = (await lineBreakpoints(dc, { line: markerLine('call-scale') })).body.breakpoints[0];
            const inScale = (await lineBreakpoints(dc, { line: markerLine('scale') })).body.breakpoints[0];
            scalePc = inScale.instructionReference ?? '';
            assert.ok(bp.verified);
            await lineBreakpoints(dc, { line: markerLine('call-scale') });
        });
        assert.match(scalePc, /^0x[0-9a-f]+$/, 'line breakpoints carry their instruction reference');
        await dc.stopped('breakpoint');
        const pc = (await dc.top()).instructionPointerReference ?? '';

        const dis = (await dc.disassembleRequest({ memoryReference: pc, instructionOffset: -4, instructionCount: 12,
            resolveSymbols: true })).body?.instructions ?? [];
        assert.equal(dis.length, 12, 'exactly instructionCount instructions');
        assert.equal(dis[4].address, pc);
        assert.ok(dis[4].instruction.length > 0);
        assert.ok(dis.some(i => i.location?.path === DEBUGME_C && i.line === markerLine('call-scale')),
            'instructions carry their source line');
        const padded = (await dc.disassembleRequest({ memoryReference: '0x0', instructionOffset: -3,
            instructionCount: 5 })).body?.instructions ?? [];
        assert.equal(padded.length, 5);
        assert.equal(padded[0].presentationHint, 'invalid');

        await lineBreakpoints(dc);
        await dc.nextRequest({ threadId: 1, granularity: 'instruction' });
        await dc.stopped('step');
        const after = (await dc.top()).instructionPointerReference ?? '';
        assert.ok(dis.slice(5).some(i => i.address === after), `${after} follows ${pc}`);

        const ib = await dc.customRequest('setInstructionBreakpoints', { breakpoints: [{ instructionReference: scalePc }] });
        assert.equal(ib.body.breakpoints[0].verified, true);
        await dc.continueRequest({ threadId: 1 });
        await dc.stopped('instruction breakpoint');
        const top = await dc.top();
        assert.equal(top.instructionPointerReference, scalePc);
        assert.equal(top.name, 'scale');
        await dc.terminateRequest();
        await dc.next('terminated');
    });

    it('reads and writes memory through the memoryReference of the data VS Code shows', async () => {
        await dc.startSession('launch', launchArgs(), () => lineBreakpoints(dc, { line: markerLine('scale') }));
        await dc.stopped('breakpoint');
        const top = await dc.top();
        // The Wasm globals: "Globals", or "Wasm Globals" when the server also shows C scopes.
        const scopes = (await dc.scopesRequest({ frameId: top.id })).body.scopes.map(sc => sc.name);
        const globals = await dc.variablesOf(top.id, scopes.includes('Wasm Globals') ? 'Wasm Globals' : 'Globals');
        const pointer = globals.find(v => v.memoryReference !== undefined);
        assert.ok(pointer, `an i32 global that points into memory has a memoryReference: ${JSON.stringify(globals)}`);
        const ref = pointer.memoryReference!;

        const read = (await dc.customRequest('readMemory', { memoryReference: ref, offset: -16, count: 16 })).body;
        assert.equal(Buffer.from(read.data, 'base64').length, 16);
        assert.equal(read.unreadableBytes ?? 0, 0);

        const bytes = Buffer.from([1, 2, 3, 4]);
        const written = await dc.customRequest('writeMemory', { memoryReference: ref, offset: -4, data: bytes.toString('base64') });
        assert.equal(written.body.bytesWritten, 4);
        const again = (await dc.customRequest('readMemory', { memoryReference: ref, offset: -4, count: 4 })).body;
        assert.deepEqual([...Buffer.from(again.data, 'base64')], [1, 2, 3, 4]);
        await dc.next('memory');

        const evaluated = (await dc.evaluateRequest({ expression: `mem32[${Number(read.address) + 12}]`,
            frameId: top.id, context: 'watch' })).body;
        assert.equal(evaluated.result, String(0x04030201));

        const past = (await dc.customRequest('readMemory', { memoryReference: 'mem:0', offset: 0x7ffffff0, count: 8 })).body;
        assert.equal(past.unreadableBytes, 8, 'bytes past the end of memory are unreadable, not an error');
        await dc.terminateRequest();
        await dc.next('terminated');
    });

    it('logs with logpoints and stops at a conditional breakpoint', async () => {
        await dc.startSession('launch', launchArgs(), () => lineBreakpoints(dc,
            { line: markerLine('scale'), condition: '$0 == 2' },
            { line: markerLine('call-scale'), logMessage: 'calling scale with factor {$1}' }));
        await dc.stopped('breakpoint');
        const top = await dc.top();
        assert.equal(top.name, 'scale');
        const locals = await dc.variablesOf(top.id, 'Wasm Locals');
        assert.equal(locals[0].value, '2', 'the condition held: $0 == 2');
        const logged = dc.output('console').match(/calling scale with factor 2/g) ?? [];
        assert.equal(logged.length, 3, `one log per call before the stop: ${JSON.stringify(dc.output('console'))}`);
        assert.equal((await dc.evaluateRequest({ expression: '$0 * 10 + $1', frameId: top.id, context: 'hover' })).body.result, '22');

        await lineBreakpoints(dc, { line: markerLine('call-scale'), logMessage: 'calling scale with factor {$1}' });
        await dc.continueRequest({ threadId: 1 });
        assert.equal(await dc.exitCode(), 0);
        assert.equal((dc.output('console').match(/calling scale with factor 2/g) ?? []).length, 4);
    });

    it('stops on entry, then reports a wrong expression as an error and goes on', async () => {
        await dc.startSession('launch', { ...launchArgs(), stopOnEntry: true });
        await dc.stopped('entry');
        const top = await dc.top();
        assert.match(top.instructionPointerReference ?? '', /^0x/);
        await assert.rejects(dc.evaluateRequest({ expression: '$nope', frameId: top.id, context: 'repl' }));
        await dc.continueRequest({ threadId: 1 });
        assert.equal(await dc.exitCode(), 0);
    });

    it('names a misspelt launch key in the error VS Code shows', async () => {
        await dc.initializeRequest();
        await assert.rejects(dc.launchRequest({ ...launchArgs(), progam: 'x.wasm' } as DebugProtocol.LaunchRequestArguments),
            /progam/);
    });
});
