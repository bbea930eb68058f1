package dev.trapdoor.dap.handler;

import dev.trapdoor.dap.session.Program;
import dev.trapdoor.dap.session.Session;
import dev.trapdoor.dap.session.Stop;
import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.debug.DebugEvent;
import dev.trapdoor.engine.dwarf.SourceMap;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.ValType;
import dev.trapdoor.engine.trap.TrapDetail;
import dev.trapdoor.engine.trap.TrapKind;
import org.eclipse.lsp4j.debug.ExceptionDetails;
import org.eclipse.lsp4j.debug.ExceptionInfoResponse;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class InfoHandlerTest {
    private final Session session = mock(Session.class);
    private final InfoHandler handler = new InfoHandler(session);

    InfoHandlerTest() throws Exception {
        // examples/trap.wasm: its DWARF gives the frames' source positions.
        WasmModule module = Wasm.load(Files.readAllBytes(Path.of("../examples/trap.wasm")));
        Program program = mock(Program.class);
        when(program.sourceMap()).thenReturn(SourceMap.of(module));
        when(session.program()).thenReturn(program);
    }

    @Test
    void exceptionInfoCarriesKindMessageAndEachDetailField() {
        FuncType expected = FuncType.of(new ValType[] {ValType.I32}, new ValType[] {ValType.I32});
        FuncType actual = FuncType.of(new ValType[] {ValType.I32, ValType.I32}, new ValType[] {ValType.I32});
        TrapDetail detail = new TrapDetail.IndirectCall(12, 0x25e, 0, 1, 6, expected, actual, 11, "add_two");
        DebugEvent.Trap trap = new DebugEvent.Trap(TrapKind.INDIRECT_CALL_TYPE_MISMATCH, detail, 12, 0x25e);
        Stop stop = new Stop(trap, List.of(Fixtures.frame("call_through", 12, 0x25e)), "exception");
        when(session.stop()).thenReturn(stop);
        ExceptionInfoResponse r = handler.exceptionInfo();
        assertEquals("trap.indirect-call-type-mismatch", r.getExceptionId());
        assertTrue(r.getDescription().startsWith("indirect call type mismatch: call_indirect"), r.getDescription());
        assertEquals("IndirectCall", r.getDetails().getTypeName());
        Map<String, String> fields = Arrays.stream(r.getDetails().getInnerException())
                .collect(Collectors.toMap(ExceptionDetails::getTypeName, ExceptionDetails::getMessage));
        assertEquals("(i32) -> (i32)", fields.get("expected"));
        assertEquals("(i32, i32) -> (i32)", fields.get("actual"));
        assertEquals("0x25e", fields.get("callerModuleOffset"));
        // (The frame is debugme's, the source map trap.wasm's: only the frame's place is checked here.)
        assertTrue(r.getDetails().getStackTrace().startsWith("0x25e in "), r.getDetails().getStackTrace());
    }

    @Test
    void eachFrameLineOfTheExceptionHasItsSourcePosition() {
        DebugEvent.Trap trap = new DebugEvent.Trap(TrapKind.INTEGER_DIVIDE_BY_ZERO,
                new TrapDetail.Arithmetic("i32.div_s", "14", "0"), 2, 0x17f);
        Stop stop = new Stop(trap, List.of(Fixtures.frame("store_far_away", 2, 0x17f),
                Fixtures.frame("level_two", 3, 0x18d), Fixtures.frame("__original_main", 5, 0x1de),
                Fixtures.frame("_start.command_export", 9, 0x10f0)),
                "exception");
        when(session.stop()).thenReturn(stop);
        List<String> lines = handler.exceptionInfo().getDetails().getStackTrace().lines().toList();
        assertEquals(4, lines.size(), lines.toString());
        assertTrue(lines.get(0).matches("0x17f in store_far_away at (.*/)?trap\\.c:8:18"), lines.get(0));
        assertTrue(lines.get(1).matches("0x18d in level_two at (.*/)?trap\\.c:13:5"), lines.get(1));
        // Named as the Call Stack names it (DWARF's main), not by the Wasm function (__original_main).
        assertTrue(lines.get(2).matches("0x1de in main at (.*/)?trap\\.c:25:5"), lines.get(2));
        assertEquals("0x10f0 in _start.command_export", lines.get(3), "no line: no position");
    }

    @Test
    void exceptionInfoAwayFromATrapIsAnError() {
        when(session.stop()).thenReturn(new Stop(new DebugEvent.Pause(), List.of(), "pause"));
        ResponseErrorException e = assertThrows(ResponseErrorException.class, handler::exceptionInfo);
        assertTrue(e.getMessage().contains("pause"), e.getMessage());
    }
}
