package dev.trapdoor.dap.handler;

import dev.trapdoor.dap.session.ExceptionFilters;
import org.eclipse.lsp4j.debug.Capabilities;

/** What the server supports, advertised truthfully: every flag here has a request handler behind it. */
public final class CapabilitiesFactory {
    private CapabilitiesFactory() {
    }

    public static Capabilities create() {
        Capabilities c = new Capabilities();
        c.setSupportsConfigurationDoneRequest(true);
        c.setSupportsFunctionBreakpoints(true);
        c.setSupportsConditionalBreakpoints(true);
        c.setSupportsHitConditionalBreakpoints(true);
        c.setSupportsLogPoints(true);
        c.setSupportsInstructionBreakpoints(true);
        c.setSupportsBreakpointLocationsRequest(true);
        c.setExceptionBreakpointFilters(ExceptionFilters.advertised());
        c.setSupportsExceptionFilterOptions(true);
        c.setSupportsExceptionInfoRequest(true);
        c.setSupportsEvaluateForHovers(true);
        c.setSupportsClipboardContext(true);
        c.setSupportsCompletionsRequest(true);
        c.setCompletionTriggerCharacters(new String[] {"$", "["});
        c.setSupportsSetVariable(true);
        c.setSupportsSetExpression(true);
        c.setSupportsValueFormattingOptions(true);
        c.setSupportsReadMemoryRequest(true);
        c.setSupportsWriteMemoryRequest(true);
        c.setSupportsDisassembleRequest(true);
        c.setSupportsSteppingGranularity(true);
        c.setSupportsRestartRequest(true);
        c.setSupportsTerminateRequest(true);
        c.setSupportTerminateDebuggee(true);
        c.setSupportsModulesRequest(true);
        c.setSupportsLoadedSourcesRequest(true);
        // Without it VS Code asks for 20 frames at once. With it, it asks for the top frame alone and, after a step,
        // often for no more, showing "Load More Stack Frames" under a call stack that was complete.
        c.setSupportsDelayedStackTraceLoading(false);
        // A launch with record turns it on with a capabilities event (session.RecordingSetup).
        c.setSupportsStepBack(false);
        c.setSupportsDataBreakpoints(true);
        c.setSupportsDataBreakpointBytes(true);
        c.setSupportsRestartFrame(true);
        c.setSupportsGotoTargetsRequest(true);
        c.setSupportsStepInTargetsRequest(true);
        c.setSupportsCancelRequest(false);
        c.setSupportsTerminateThreadsRequest(false);
        return c;
    }
}
