package dev.trapdoor.dap.handler;

import dev.trapdoor.dap.session.ClientEvents;
import dev.trapdoor.dap.session.Program;
import dev.trapdoor.dap.session.Session;
import dev.trapdoor.dap.session.Stop;
import dev.trapdoor.engine.debug.DebugEvent;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.exec.MemoryInstance;
import dev.trapdoor.engine.model.Limits;
import dev.trapdoor.engine.model.MemoryType;
import dev.trapdoor.engine.model.WasmModule;
import org.eclipse.lsp4j.debug.ReadMemoryArguments;
import org.eclipse.lsp4j.debug.ReadMemoryResponse;
import org.eclipse.lsp4j.debug.WriteMemoryArguments;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class MemoryHandlerTest {
    private final Session session = mock(Session.class);
    private final ClientEvents events = mock(ClientEvents.class);
    private final MemoryInstance memory = new MemoryInstance(new MemoryType(new Limits(1, 1)));
    private final MemoryHandler handler = new MemoryHandler(session);
    private final Instance instance = mock(Instance.class);

    MemoryHandlerTest() {
        Program program = mock(Program.class);
        WasmModule module = mock(WasmModule.class);
        when(session.program()).thenReturn(program);
        when(session.events()).thenReturn(events);
        when(session.stop()).thenReturn(new Stop(new DebugEvent.Pause(), List.of(), "pause"));
        when(program.instance()).thenReturn(instance);
        when(instance.module()).thenReturn(module);
        when(module.memories()).thenReturn(List.of(memory.type()));
        when(instance.memoryAt(0)).thenReturn(memory);
    }

    private ReadMemoryResponse read(String ref, int offset, int count) {
        ReadMemoryArguments a = new ReadMemoryArguments();
        a.setMemoryReference(ref);
        a.setOffset(offset);
        a.setCount(count);
        return handler.readMemory(a);
    }

    @Test
    void readsWhatIsThereAndReportsThePastTheEndPartUnreadable() {
        memory.write(0x100, new byte[] {1, 2, 3});
        ReadMemoryResponse r = read("mem:0@0x100", 0, 3);
        assertEquals("0x100", r.getAddress());
        assertArrayEquals(new byte[] {1, 2, 3}, Base64.getDecoder().decode(r.getData()));
        ReadMemoryResponse end = read("mem:0", 65536 - 2, 6);
        assertEquals(2, Base64.getDecoder().decode(end.getData()).length);
        assertEquals(4, end.getUnreadableBytes());
        assertEquals(3, read("0x101", 0, 2).getData().length() > 0 ? 3 : 0, "a bare address means memory 0");
    }

    @Test
    void aMemReferenceNamesItsMemory() {
        MemoryInstance second = new MemoryInstance(new MemoryType(new Limits(1, 1)));
        WasmModule module = instance.module();
        when(module.memories()).thenReturn(List.of(memory.type(), second.type()));
        when(instance.memoryAt(1)).thenReturn(second);
        memory.write(0x10, new byte[] {1, 1});
        second.write(0x10, new byte[] {2, 3});
        assertArrayEquals(new byte[] {2, 3}, Base64.getDecoder().decode(read("mem:1@0x10", 0, 2).getData()));
        assertArrayEquals(new byte[] {1, 1}, Base64.getDecoder().decode(read("mem:0@0x10", 0, 2).getData()));
        WriteMemoryArguments w = new WriteMemoryArguments();
        w.setMemoryReference("mem:1@0x20");
        w.setData(Base64.getEncoder().encodeToString(new byte[] {7}));
        handler.writeMemory(w);
        assertEquals(7, second.readByte(0x20));
        assertEquals(0, memory.readByte(0x20), "memory 0 untouched");
        ResponseErrorException e = assertThrows(ResponseErrorException.class, () -> read("mem:2@0x0", 0, 1));
        assertTrue(e.getMessage().contains("memory 2 does not exist"), e.getMessage());
    }

    @Test
    void writesThenTellsTheClientWhatChanged() {
        WriteMemoryArguments w = new WriteMemoryArguments();
        w.setMemoryReference("mem:0@0x200");
        w.setOffset(4);
        w.setData(Base64.getEncoder().encodeToString(new byte[] {9, 8, 7}));
        assertEquals(3, handler.writeMemory(w).getBytesWritten());
        assertEquals(9, memory.readByte(0x204));
        verify(events, times(2)).send(any()); // memory + invalidated
    }

    @Test
    void aWritePastTheEndIsRefusedUnlessPartialIsAllowed() {
        WriteMemoryArguments w = new WriteMemoryArguments();
        w.setMemoryReference("mem:0");
        w.setOffset(65536 - 1);
        w.setData(Base64.getEncoder().encodeToString(new byte[] {1, 2}));
        assertThrows(ResponseErrorException.class, () -> handler.writeMemory(w));
        w.setAllowPartial(true);
        assertEquals(1, handler.writeMemory(w).getBytesWritten());
        w.setMemoryReference("not a reference");
        assertThrows(ResponseErrorException.class, () -> handler.writeMemory(w));
    }

    /** A request for 2^31-1 bytes must not make gigabytes of base64: one capped page, the rest asked for later. */
    @Test
    void aHugeReadIsCapped() {
        long start = System.nanoTime();
        ReadMemoryResponse r = read("0x0", 0, Integer.MAX_VALUE);
        assertEquals(65536, Base64.getDecoder().decode(r.getData()).length, "the whole 1-page memory");
        assertEquals(MemoryHandler.MAX_READ - 65536, r.getUnreadableBytes(), "and the rest of one capped page");
        assertTrue(System.nanoTime() - start < 1_000_000_000L);
        assertEquals(MemoryHandler.MAX_READ, read("0x100000", 0, Integer.MAX_VALUE).getUnreadableBytes(),
                "past the end: the capped count is unreadable");
    }

    @Test
    void aGrowMakesTheNewPagesReadableAndNothingBeyondThem() {
        MemoryInstance growing = new MemoryInstance(new MemoryType(new Limits(1, 8)));
        when(instance.memoryAt(0)).thenReturn(growing);
        assertEquals(4, read("mem:0", 65536 - 2, 6).getUnreadableBytes());
        growing.grow(1);
        growing.write(65536, new byte[] {5, 6});
        ReadMemoryResponse across = read("mem:0", 65536 - 2, 6);
        assertEquals(0, across.getUnreadableBytes());
        assertArrayEquals(new byte[] {0, 0, 5, 6, 0, 0}, Base64.getDecoder().decode(across.getData()));
        growing.grow(1);
        assertTrue(growing.capacity() > growing.byteSize(), "capacity reserved ahead: " + growing.capacity());
        ReadMemoryResponse end = read("mem:0", 3 * 65536 - 2, 6);
        assertEquals(2, Base64.getDecoder().decode(end.getData()).length);
        assertEquals(4, end.getUnreadableBytes(), "the reserved capacity is not memory");
    }
}
