package dev.trapdoor.dap.transport.json;

import org.eclipse.lsp4j.debug.OutputEventArguments;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;
import org.eclipse.lsp4j.jsonrpc.debug.json.DebugMessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.debug.messages.DebugNotificationMessage;
import org.eclipse.lsp4j.jsonrpc.services.ServiceEndpoints;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The output and stopped events' own writer against LSP4J's handler writing the same message: the same characters. */
class EventTextTest {
    private static final DebugMessageJsonHandler LSP4J =
            new DebugMessageJsonHandler(ServiceEndpoints.getSupportedMethods(IDebugProtocolClient.class));

    private static String lsp4j(int seq, String category, String output) {
        OutputEventArguments body = new OutputEventArguments();
        body.setCategory(category);
        body.setOutput(output);
        DebugNotificationMessage event = new DebugNotificationMessage();
        event.setId(seq);
        event.setMethod("output");
        event.setParams(body);
        return LSP4J.serialize(event);
    }

    private static String direct(int seq, String category, String output) {
        StringBuilder out = new StringBuilder();
        EventText.output(out, seq, category, output);
        return out.toString();
    }

    private static void assertSame(int seq, String category, String output) {
        assertEquals(lsp4j(seq, category, output), direct(seq, category, output));
    }

    @Test
    void plainAndEmptyTextAndEveryCategory() {
        assertSame(1, "stdout", "total 14950\n");
        assertSame(0, "stderr", "");
        assertSame(Integer.MAX_VALUE, "console", "trapdoor: a note\n");
        assertSame(17, "important", "x");
        assertSame(18, "", "no category text");
    }

    @Test
    void everyCharIsEscapedAsGsonEscapesIt() {
        StringBuilder all = new StringBuilder();
        for (int c = 0; c <= 0xFFFF; c++) {
            all.append((char) c);
            assertSame(c, "stdout", "a" + (char) c + "b");
        }
        assertSame(2, "stdout", all.toString());
        assertSame(3, "std<out>&'=\"\\", "a<b>&'=\"\\\n\t\u0001é\u2028\u2029🙂\r\f\b\u007f\u0000");
    }

    @Test
    void unpairedSurrogatesAndLongTextAreWrittenTheSame() {
        assertSame(4, "stdout", "\ud800 alone, \udc00 alone, 🙂 paired");
        assertSame(5, "stdout", "line with <html> & 'quotes'\n".repeat(5000));
    }

    private static void assertSameStopped(int seq, StoppedEventArguments e) {
        DebugNotificationMessage event = new DebugNotificationMessage();
        event.setId(seq);
        event.setMethod("stopped");
        event.setParams(e);
        StringBuilder out = new StringBuilder();
        EventText.stopped(out, seq, e);
        assertEquals(LSP4J.serialize(event), out.toString());
    }

    @Test
    void stoppedEventsWithEveryFieldSetOrNone() {
        StoppedEventArguments step = new StoppedEventArguments();
        step.setReason("step");
        step.setThreadId(1);
        step.setAllThreadsStopped(true);
        assertSameStopped(9, step);
        assertSameStopped(10, new StoppedEventArguments());
        StoppedEventArguments full = new StoppedEventArguments();
        full.setReason("exception");
        full.setDescription("Paused on trap");
        full.setThreadId(-3);
        full.setPreserveFocusHint(false);
        full.setText("integer divide by zero <at> \"main\"\n\u2028");
        full.setAllThreadsStopped(false);
        full.setHitBreakpointIds(new Integer[] {4, null, 12});
        assertSameStopped(11, full);
        StoppedEventArguments textOnly = new StoppedEventArguments();
        textOnly.setText("only text");
        textOnly.setHitBreakpointIds(new Integer[0]);
        assertSameStopped(12, textOnly);
        StoppedEventArguments hint = new StoppedEventArguments();
        hint.setPreserveFocusHint(true);
        assertSameStopped(13, hint);
    }
}
