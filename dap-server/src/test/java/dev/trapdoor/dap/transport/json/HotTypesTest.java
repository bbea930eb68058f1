package dev.trapdoor.dap.transport.json;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import org.eclipse.lsp4j.debug.Checksum;
import org.eclipse.lsp4j.debug.ChecksumAlgorithm;
import org.eclipse.lsp4j.debug.ContinuedEventArguments;
import org.eclipse.lsp4j.debug.OutputEventArguments;
import org.eclipse.lsp4j.debug.OutputEventArgumentsGroup;
import org.eclipse.lsp4j.debug.Scope;
import org.eclipse.lsp4j.debug.ScopesResponse;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.SourcePresentationHint;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StackFramePresentationHint;
import org.eclipse.lsp4j.debug.StackTraceResponse;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.Variable;
import org.eclipse.lsp4j.debug.VariablePresentationHint;
import org.eclipse.lsp4j.debug.VariablesResponse;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;
import org.eclipse.lsp4j.debug.services.IDebugProtocolServer;
import org.eclipse.lsp4j.jsonrpc.debug.json.DebugMessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.debug.messages.DebugNotificationMessage;
import org.eclipse.lsp4j.jsonrpc.debug.messages.DebugResponseMessage;
import org.eclipse.lsp4j.jsonrpc.json.JsonRpcMethod;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.Message;
import org.eclipse.lsp4j.jsonrpc.services.ServiceEndpoints;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hand-written writers against LSP4J's reflective Gson: the same text for every field set, or left unset. */
class HotTypesTest {
    private static final Map<String, JsonRpcMethod> METHODS = methods();
    private static final DebugMessageJsonHandler REFLECTIVE = new DebugMessageJsonHandler(METHODS);
    private static final DebugMessageJsonHandler HOT = new DebugMessageJsonHandler(METHODS, HotTypes::register);

    private static Map<String, JsonRpcMethod> methods() {
        Map<String, JsonRpcMethod> m = new HashMap<>();
        m.putAll(ServiceEndpoints.getSupportedMethods(IDebugProtocolClient.class));
        m.putAll(ServiceEndpoints.getSupportedMethods(IDebugProtocolServer.class));
        return m;
    }

    /** Strings that Gson escapes (HTML-safe by default), quotes, control and non-ASCII characters. */
    static final String AWKWARD = "a<b>&'=\"\\\n\t\u0001é\u2028🙂";

    @Test
    void everyHotTypeWritesWhatTheReflectiveAdapterWritesWithEveryFieldSet() {
        for (Object o : List.of(fullSource(), fullFrame(), fullScope(), fullVariable(), fullStopped(), fullContinued(),
                fullOutput(), stackTrace(fullFrame(), sparseFrame()), scopes(fullScope(), new Scope()),
                variables(fullVariable(), new Variable()))) {
            assertSameText(o);
        }
    }

    @Test
    void unsetFieldsAreLeftOutAsTheReflectiveAdapterLeavesThemOut() {
        for (Object o : List.of(new Source(), sparseFrame(), new StackFrame(), new Scope(), new Variable(),
                new StoppedEventArguments(), new ContinuedEventArguments(), new OutputEventArguments(),
                new StackTraceResponse(),
                new ScopesResponse(), new VariablesResponse())) {
            assertSameText(o);
        }
    }

    @Test
    void nullElementsAndEmptyArraysAreWrittenAsGsonWritesThem() {
        assertSameText(stackTrace(fullFrame(), null));
        assertSameText(stackTrace());
        assertSameText(scopes((Scope) null));
        assertSameText(variables());
        StoppedEventArguments stopped = fullStopped();
        stopped.setHitBreakpointIds(new Integer[] {null, 7});
        assertSameText(stopped);
        Source nested = fullSource();
        nested.setSources(new Source[] {null, new Source()});
        assertSameText(nested);
    }

    @Test
    void theOtherSideOfEitherAndOtherEnumValuesAreDelegated() {
        StackFrame frame = fullFrame();
        frame.setModuleId(Either.forRight("libc"));
        frame.setPresentationHint(StackFramePresentationHint.SUBTLE);
        assertSameText(frame);
        Source source = fullSource();
        source.setPresentationHint(SourcePresentationHint.EMPHASIZE);
        source.setAdapterData(List.of(1, "two"));
        assertSameText(source);
    }

    @Test
    void wholeMessagesAreWrittenTheSame() {
        DebugResponseMessage response = new DebugResponseMessage();
        response.setId(12);
        response.setResponseId(40);
        response.setMethod("stackTrace");
        response.setResult(stackTrace(fullFrame(), sparseFrame()));
        assertEquals(REFLECTIVE.serialize(response), HOT.serialize(response));
        DebugNotificationMessage event = new DebugNotificationMessage();
        event.setId(41);
        event.setMethod("stopped");
        event.setParams(fullStopped());
        assertEquals(REFLECTIVE.serialize(event), HOT.serialize(event));
    }

    @Test
    void readingGoesToTheReflectiveAdapter() {
        Gson hot = HOT.getGson();
        Gson reflective = REFLECTIVE.getGson();
        for (Object o : List.of(fullSource(), fullFrame(), fullScope(), fullVariable(), fullStopped(), fullContinued(),
                fullOutput(), stackTrace(fullFrame(), sparseFrame()), scopes(fullScope()), variables(fullVariable()))) {
            String text = hot.toJson(o);
            Object back = hot.fromJson(text, o.getClass());
            assertNotSame(o, back);
            assertEquals(reflective.fromJson(text, o.getClass()), back, o.getClass() + " read back");
        }
    }

    @Test
    void typesWithoutAWriterAreLeftToGson() {
        assertEquals(null, new HotTypes().create(HOT.getGson(), com.google.gson.reflect.TypeToken.get(Checksum.class)));
        assertTrue(new HotTypes().create(HOT.getGson(), com.google.gson.reflect.TypeToken.get(Variable.class))
                instanceof VariableAdapter);
    }

    private static void assertSameText(Object o) {
        String expected = REFLECTIVE.getGson().toJson(o, o.getClass());
        String actual = HOT.getGson().toJson(o, o.getClass());
        assertEquals(expected, actual, o.getClass().getSimpleName());
    }

    static Source fullSource() {
        Source s = new Source();
        s.setName("debugme.c" + AWKWARD);
        s.setPath("/src/" + AWKWARD);
        s.setSourceReference(17);
        s.setPresentationHint(SourcePresentationHint.DEEMPHASIZE);
        s.setOrigin("Wasm disassembly");
        Source inner = new Source();
        inner.setName("inner");
        s.setSources(new Source[] {inner});
        JsonObject data = new JsonObject();
        data.addProperty("function", 3);
        s.setAdapterData(data);
        Checksum sum = new Checksum();
        sum.setAlgorithm(ChecksumAlgorithm.SHA256);
        sum.setChecksum("abc");
        s.setChecksums(new Checksum[] {sum});
        return s;
    }

    static StackFrame fullFrame() {
        StackFrame f = new StackFrame();
        f.setId(1_000_001);
        f.setName("sum" + AWKWARD);
        f.setSource(fullSource());
        f.setLine(23);
        f.setColumn(5);
        f.setEndLine(24);
        f.setEndColumn(-1);
        f.setCanRestart(true);
        f.setInstructionPointerReference("0x0000012a");
        f.setModuleId(Either.forLeft(0));
        f.setPresentationHint(StackFramePresentationHint.LABEL);
        return f;
    }

    static StackFrame sparseFrame() {
        StackFrame f = new StackFrame();
        f.setId(2);
        f.setName("_start");
        f.setCanRestart(false);
        return f;
    }

    static Scope fullScope() {
        Scope s = new Scope();
        s.setName("Locals" + AWKWARD);
        s.setPresentationHint("locals");
        s.setVariablesReference(5);
        s.setNamedVariables(3);
        s.setIndexedVariables(0);
        s.setExpensive(true);
        s.setSource(fullSource());
        s.setLine(1);
        s.setColumn(2);
        s.setEndLine(3);
        s.setEndColumn(Integer.MAX_VALUE);
        return s;
    }

    static Variable fullVariable() {
        Variable v = new Variable();
        v.setName("i" + AWKWARD);
        v.setValue("-2147483648");
        v.setType("int");
        VariablePresentationHint hint = new VariablePresentationHint();
        hint.setKind("data");
        hint.setAttributes(new String[] {"readOnly"});
        hint.setLazy(false);
        v.setPresentationHint(hint);
        v.setEvaluateName("i");
        v.setVariablesReference(0);
        v.setNamedVariables(1);
        v.setIndexedVariables(2);
        v.setMemoryReference("0x10");
        v.setDeclarationLocationReference(4);
        v.setValueLocationReference(5);
        return v;
    }

    private static StoppedEventArguments fullStopped() {
        StoppedEventArguments e = new StoppedEventArguments();
        e.setReason("step");
        e.setDescription("Paused" + AWKWARD);
        e.setThreadId(1);
        e.setPreserveFocusHint(false);
        e.setText("t");
        e.setAllThreadsStopped(true);
        e.setHitBreakpointIds(new Integer[] {1, 2});
        return e;
    }

    private static OutputEventArguments fullOutput() {
        OutputEventArguments e = new OutputEventArguments();
        e.setCategory("stdout");
        e.setOutput("total 12" + AWKWARD + "\n");
        e.setGroup(OutputEventArgumentsGroup.START_COLLAPSED);
        e.setVariablesReference(4);
        e.setSource(fullSource());
        e.setLine(64);
        e.setColumn(5);
        e.setData(Map.of("k", List.of(1, "two")));
        e.setLocationReference(9);
        return e;
    }

    private static ContinuedEventArguments fullContinued() {
        ContinuedEventArguments e = new ContinuedEventArguments();
        e.setThreadId(1);
        e.setAllThreadsContinued(true);
        return e;
    }

    static StackTraceResponse stackTrace(StackFrame... frames) {
        StackTraceResponse r = new StackTraceResponse();
        r.setStackFrames(frames);
        r.setTotalFrames(frames.length);
        return r;
    }

    static ScopesResponse scopes(Scope... scopes) {
        ScopesResponse r = new ScopesResponse();
        r.setScopes(scopes);
        return r;
    }

    static VariablesResponse variables(Variable... variables) {
        VariablesResponse r = new VariablesResponse();
        r.setVariables(variables);
        return r;
    }
}
