// When the exception widget's top frame is focused again: once every stack request of an exception stop is answered
// and VS Code has focused a frame of the stop, whichever comes last.
import * as assert from 'assert/strict';
import { describe, it } from 'node:test';
import { ExceptionStopWatcher } from '../../exceptionStop';

const stopped = (reason: string) => ({ type: 'event', event: 'stopped', body: { reason, threadId: 1 } });
const stackTrace = (seq: number, startFrame = 0) =>
    ({ type: 'request', seq, command: 'stackTrace', arguments: { threadId: 1, startFrame, levels: 20 } });
const answer = (requestSeq: number) => ({ type: 'response', request_seq: requestSeq, command: 'stackTrace', success: true });

describe('ExceptionStopWatcher', () => {
    it('refocuses after the last of the two concurrent stack requests of a trap is answered, once focused', () => {
        const w = new ExceptionStopWatcher();
        assert.equal(w.fromAdapter(stopped('exception')), false);
        w.fromClient(stackTrace(13));
        w.fromClient(stackTrace(14));
        assert.equal(w.fromAdapter(answer(13)), false, 'one request is still open');
        assert.equal(w.frameFocused(), false, "VS Code's focus on the first answer's frame comes before the second answer");
        assert.equal(w.fromAdapter(answer(14)), true);
        assert.equal(w.fromAdapter(answer(14)), false, 'once per answer');
        assert.equal(w.frameFocused(), false, 'our own refocus is not refocused again');
    });

    it("waits for VS Code's focus when it comes after the answers (the trapping file had to be opened)", () => {
        const w = new ExceptionStopWatcher();
        w.fromAdapter(stopped('exception'));
        w.fromClient(stackTrace(13));
        w.fromClient(stackTrace(14));
        w.fromAdapter(answer(13));
        assert.equal(w.fromAdapter(answer(14)), false, 'a refocus now would be undone by the late focus');
        assert.equal(w.frameFocused(), true);
        w.fromAdapter(stopped('exception'));
        assert.equal(w.frameFocused(), false, 'a new stop waits for its own answers');
    });

    it('decides on the answers alone where VS Code cannot report its focus', () => {
        const w = new ExceptionStopWatcher(false);
        w.fromAdapter(stopped('exception'));
        w.fromClient(stackTrace(3));
        assert.equal(w.fromAdapter(answer(3)), true);
    });

    it('leaves breakpoint and step stops, later pages and stops after a continue alone', () => {
        const w = new ExceptionStopWatcher();
        w.fromAdapter(stopped('breakpoint'));
        w.frameFocused();
        w.fromClient(stackTrace(3));
        assert.equal(w.fromAdapter(answer(3)), false, 'not an exception stop');
        w.fromAdapter(stopped('exception'));
        w.frameFocused();
        w.fromClient(stackTrace(5, 20));
        assert.equal(w.fromAdapter(answer(5)), false, '"Load More" keeps the top frame');
        w.fromClient(stackTrace(6));
        w.fromAdapter({ type: 'event', event: 'continued', body: { threadId: 1 } });
        assert.equal(w.fromAdapter(answer(6)), false, 'the program ran on: the answer belongs to no stop');
    });
});
