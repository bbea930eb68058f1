package dev.trapdoor.dap.transport.json;

import org.eclipse.lsp4j.debug.ContinueResponse;
import org.eclipse.lsp4j.debug.EvaluateResponse;
import org.eclipse.lsp4j.debug.Scope;
import org.eclipse.lsp4j.debug.ScopesResponse;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.SourcePresentationHint;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StackFramePresentationHint;
import org.eclipse.lsp4j.debug.StackTraceResponse;
import org.eclipse.lsp4j.debug.Variable;
import org.eclipse.lsp4j.debug.VariablePresentationHint;
import org.eclipse.lsp4j.debug.VariablesResponse;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;
import org.eclipse.lsp4j.debug.services.IDebugProtocolServer;
import org.eclipse.lsp4j.jsonrpc.debug.json.DebugMessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.debug.messages.DebugResponseMessage;
import org.eclipse.lsp4j.jsonrpc.json.JsonRpcMethod;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.services.ServiceEndpoints;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ResponseText} against LSP4J's handler (with the hand-written adapters, as the server writes, and without,
 * as Gson's reflection writes): the same characters for the whole response message, whatever the fields hold.
 */
class ResponseTextTest {
    private static final Map<String, JsonRpcMethod> METHODS = methods();
    private static final DebugMessageJsonHandler HOT = new DebugMessageJsonHandler(METHODS, HotTypes::register);
    private static final DebugMessageJsonHandler REFLECTIVE = new DebugMessageJsonHandler(METHODS);
    private static final ResponseText TEXT = new ResponseText(HOT.getGson());

    private static Map<String, JsonRpcMethod> methods() {
        Map<String, JsonRpcMethod> m = new HashMap<>();
        m.putAll(ServiceEndpoints.getSupportedMethods(IDebugProtocolClient.class));
        m.putAll(ServiceEndpoints.getSupportedMethods(IDebugProtocolServer.class));
        return m;
    }

    @Test
    void stackTracesScopesAndVariablesWithEveryFieldSetOrNone() {
        for (Object body : List.of(HotTypesTest.stackTrace(HotTypesTest.fullFrame(), HotTypesTest.sparseFrame()),
                HotTypesTest.stackTrace(), HotTypesTest.stackTrace(HotTypesTest.fullFrame(), null),
                new StackTraceResponse(), HotTypesTest.scopes(HotTypesTest.fullScope(), new Scope(), null),
                HotTypesTest.scopes(), new ScopesResponse(),
                HotTypesTest.variables(HotTypesTest.fullVariable(), new Variable(), null), HotTypesTest.variables(),
                new VariablesResponse())) {
            assertSame("stackTrace", body);
        }
    }

    @Test
    void stepResponsesAndContinue() {
        for (String command : List.of("next", "stepIn", "stepOut", "launch", "configurationDone", "disconnect")) {
            assertSame(command, null);
        }
        ContinueResponse c = new ContinueResponse();
        assertSame("continue", c);
        c.setAllThreadsContinued(true);
        assertSame("continue", c);
        c.setAllThreadsContinued(false);
        assertSame("continue", c);
    }

    @Test
    void everyCharAndLoneSurrogatesInNamesAndValues() {
        StringBuilder all = new StringBuilder();
        for (int c = 0; c <= 0xffff; c++) {
            all.append((char) c);
        }
        List<Variable> variables = new ArrayList<>();
        for (String s : List.of(all.toString(), "\ud800", "x\udfffy", "\udbff\udfff", "🙂\ud83d", HotTypesTest.AWKWARD,
                "", "NaN", "-Infinity", "18446744073709551615", "1.7976931348623157E308")) {
            Variable v = new Variable();
            v.setName(s);
            v.setValue(s);
            v.setType(s);
            v.setEvaluateName(s);
            v.setMemoryReference(s);
            VariablePresentationHint hint = new VariablePresentationHint();
            hint.setKind(s);
            hint.setAttributes(new String[] {s, null, "readOnly"});
            hint.setVisibility(s);
            v.setPresentationHint(hint);
            variables.add(v);
        }
        assertSame("variables", HotTypesTest.variables(variables.toArray(Variable[]::new)));
        assertSame("stack\"Trace\u2028" + all, HotTypesTest.stackTrace(HotTypesTest.fullFrame()));
    }

    @Test
    void extremeNumbersEnumsEitherSidesAndGsonsMembers() {
        StackFrame f = HotTypesTest.fullFrame();
        f.setId(Integer.MIN_VALUE);
        f.setLine(Integer.MAX_VALUE);
        f.setColumn(-1);
        f.setModuleId(Either.forRight("lib\"c"));
        for (StackFramePresentationHint hint : StackFramePresentationHint.values()) {
            f.setPresentationHint(hint);
            assertSame("stackTrace", HotTypesTest.stackTrace(f));
        }
        f.setModuleId(Either.forLeft(Integer.MAX_VALUE));
        Source s = HotTypesTest.fullSource();
        s.setAdapterData(Map.of("k", List.of(1, 2.5, "two", Double.MAX_VALUE)));
        s.setSources(new Source[] {null, new Source(), HotTypesTest.fullSource()});
        for (SourcePresentationHint hint : SourcePresentationHint.values()) {
            s.setPresentationHint(hint);
            f.setSource(s);
            assertSame("stackTrace", HotTypesTest.stackTrace(f));
        }
        Scope scope = HotTypesTest.fullScope();
        scope.setSource(s);
        scope.setVariablesReference(Integer.MAX_VALUE);
        scope.setNamedVariables(Integer.MIN_VALUE);
        assertSame("scopes", HotTypesTest.scopes(scope));
        StackTraceResponse r = HotTypesTest.stackTrace(f);
        r.setTotalFrames(null);
        assertSame("stackTrace", r);
    }

    @Test
    void writesOnlyTheBodiesItKnows() {
        assertTrue(ResponseText.writes(null));
        assertTrue(ResponseText.writes(new StackTraceResponse()));
        assertTrue(ResponseText.writes(new ContinueResponse()));
        assertFalse(ResponseText.writes(new EvaluateResponse()));
        assertFalse(ResponseText.writes("text"));
    }

    /** The response with seq 2,000,000,000 to request 12, as both handlers and ResponseText write it. */
    private static void assertSame(String command, Object body) {
        DebugResponseMessage m = new DebugResponseMessage();
        m.setResponseId(2_000_000_000);
        m.setId(12);
        m.setMethod(command);
        m.setResult(body);
        String expected = HOT.serialize(m);
        assertEquals(REFLECTIVE.serialize(m), expected, "the adapters write what reflection writes");
        StringBuilder out = new StringBuilder();
        TEXT.response(out, 2_000_000_000, 12, command, body);
        assertEquals(expected, out.toString(), command);
    }
}
