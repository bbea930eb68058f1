package dev.trapdoor.dap.handler;

import dev.trapdoor.dap.adapt.InstructionReferences;
import dev.trapdoor.dap.session.Program;
import dev.trapdoor.dap.session.RunState;
import dev.trapdoor.dap.session.Session;
import dev.trapdoor.dap.session.Stop;
import dev.trapdoor.dap.source.DisassemblyIndex;
import dev.trapdoor.dap.source.SourceLocator;
import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.debug.DebugEvent;
import dev.trapdoor.engine.dwarf.SourceMap;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.model.WasmModule;
import org.eclipse.lsp4j.debug.DisassembleArguments;
import org.eclipse.lsp4j.debug.DisassembledInstruction;
import org.eclipse.lsp4j.debug.DisassembledInstructionPresentationHint;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** The handler isolated from the session; the module is a real one (examples/fib.wasm) so the text is real. */
class DisassembleHandlerTest {
    private final WasmModule module;
    private final DisassemblyIndex index;
    private final DisassembleHandler handler;
    private final Session session;

    DisassembleHandlerTest() throws Exception {
        module = Wasm.load(Files.readAllBytes(Path.of("../examples/fib.wasm")));
        index = new DisassemblyIndex(module);
        Session session = mock(Session.class);
        Program program = mock(Program.class);
        Instance instance = mock(Instance.class);
        when(session.program()).thenReturn(program);
        when(program.disassembly()).thenReturn(index);
        when(program.references()).thenReturn(InstructionReferences.of(module.bytes()));
        when(program.instance()).thenReturn(instance);
        when(program.sourceMap()).thenReturn(SourceMap.of(module));
        when(instance.module()).thenReturn(module);
        SourceLocator sources = mock(SourceLocator.class);
        when(sources.localFile(anyString())).thenReturn(Optional.empty()); // as if the C sources were elsewhere
        when(program.sources()).thenReturn(sources);
        when(instance.functionName(anyInt())).thenAnswer(a -> "f" + a.getArgument(0));
        when(session.state()).thenReturn(RunState.LOADED);
        this.session = session;
        handler = new DisassembleHandler(session);
    }

    private DisassembledInstruction[] disassemble(String ref, int instructionOffset, int count) {
        DisassembleArguments a = new DisassembleArguments();
        a.setMemoryReference(ref);
        a.setInstructionOffset(instructionOffset);
        a.setInstructionCount(count);
        return handler.disassemble(a).getInstructions();
    }

    @Test
    void returnsExactlyTheCountCenteredWhereAsked() {
        List<DisassemblyIndex.Instruction> all = index.all();
        DisassemblyIndex.Instruction mid = all.get(all.size() / 2);
        DisassembledInstruction[] r = disassemble(String.format("0x%x", mid.moduleOffset()), -3, 7);
        assertEquals(7, r.length);
        assertEquals(ref(mid.moduleOffset()), r[3].getAddress());
        assertEquals(mid.text(), r[3].getInstruction());
        assertNotNull(r[3].getInstructionBytes());
        assertNull(r[3].getPresentationHint());
    }

    /**
     * A frame's reference carries the module's tag, and so does the address of the instruction it names (a client
     * may match the two). Another module's reference is refused rather than read here.
     */
    @Test
    void aTaggedReferenceOfThisModuleDisassemblesAndAnotherModulesIsRefused() {
        DisassemblyIndex.Instruction mid = index.all().get(index.all().size() / 2);
        String reference = ref(mid.moduleOffset());
        assertTrue(reference.length() > 10, reference);
        DisassembledInstruction[] r = disassemble(reference, 0, 1);
        assertEquals(reference, r[0].getAddress());
        String foreign = InstructionReferences.of(new byte[]{1, 2, 3}).format(mid.moduleOffset());
        assertNotEquals(reference, foreign);
        ResponseErrorException e = assertThrows(ResponseErrorException.class, () -> disassemble(foreign, 0, 1));
        assertTrue(e.getMessage().contains("another program"), e.getMessage());
    }

    @Test
    void aHugeCountIsCappedAtWhatTheModuleHolds() {
        int held = index.all().size();
        for (int count : new int[]{1_000_000, Integer.MAX_VALUE}) {
            DisassembledInstruction[] r = disassemble("0x0", 0, count);
            assertEquals(held + DisassembleHandler.MAX_PADDING, r.length, "count " + count);
            assertEquals(index.all().get(0).text(), r[0].getInstruction());
        }
        DisassembledInstruction[] far = disassemble("0x0", Integer.MAX_VALUE, Integer.MAX_VALUE);
        assertEquals(held + DisassembleHandler.MAX_PADDING, far.length, "an offset past the end does not overflow");
        assertEquals(DisassembledInstructionPresentationHint.INVALID, far[0].getPresentationHint());
    }

    @Test
    void padsBeforeTheFirstAndAfterTheLastInstruction() {
        List<DisassemblyIndex.Instruction> all = index.all();
        DisassembledInstruction[] before = disassemble("0x0", -5, 8);
        assertEquals(8, before.length);
        assertEquals(DisassembledInstructionPresentationHint.INVALID, before[0].getPresentationHint());
        assertEquals("f" + all.get(0).funcIndex(), before[5].getSymbol(), "a function's first instruction");
        DisassemblyIndex.Instruction last = all.get(all.size() - 1);
        DisassembledInstruction[] after = disassemble(String.format("0x%x", last.moduleOffset()), 0, 4);
        assertEquals(4, after.length);
        assertTrue(after[1].getPresentationHint() == DisassembledInstructionPresentationHint.INVALID);
        assertTrue((Long.decode(after[1].getAddress()) & 0xffffffffL) > last.moduleOffset());
        assertEquals(Long.decode(after[0].getAddress()) >>> 32, Long.decode(after[1].getAddress()) >>> 32,
                "padding carries the module's tag too, so addresses stay in order");
    }

    private String ref(int moduleOffset) {
        return InstructionReferences.of(module.bytes()).format(moduleOffset);
    }

    /**
     * A module of 300,000 instructions: asking for 10^6 or 2^31-1 of them answered nothing in 30 s, or "Internal
     * error." (issue 26). A request now answers at most {@link DisassembleHandler#MAX_INSTRUCTIONS}, in well under
     * a second on a quiet machine once the module's index exists.
     */
    @Test
    void aHugeRequestOnAHugeModuleAnswersWithinASecond() {
        String body = "(i32.const 1) (drop) ".repeat(150_000);
        WasmModule big = Wasm.load(dev.trapdoor.engine.text.Wat.compile("big.wat",
                "(module (func (export \"f\") " + body + "))").binary());
        DisassemblyIndex bigIndex = new DisassemblyIndex(big);
        assertTrue(bigIndex.all().size() > 300_000);
        Session session = mock(Session.class);
        Program program = mock(Program.class);
        Instance instance = mock(Instance.class);
        when(session.program()).thenReturn(program);
        when(program.disassembly()).thenReturn(bigIndex);
        when(program.references()).thenReturn(InstructionReferences.of(big.bytes()));
        when(program.instance()).thenReturn(instance);
        when(program.sourceMap()).thenReturn(SourceMap.of(big));
        when(instance.module()).thenReturn(big);
        when(instance.functionName(anyInt())).thenReturn("f");
        DisassembleHandler bigHandler = new DisassembleHandler(session);
        DisassembleArguments warmUp = new DisassembleArguments();
        warmUp.setMemoryReference("0x0");
        warmUp.setInstructionCount(1_000_000);
        bigHandler.disassemble(warmUp);
        for (int count : new int[]{1_000_000, Integer.MAX_VALUE}) {
            DisassembleArguments a = new DisassembleArguments();
            a.setMemoryReference("0x0");
            a.setInstructionCount(count);
            long start = System.nanoTime();
            DisassembledInstruction[] r = bigHandler.disassemble(a).getInstructions();
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertEquals(DisassembleHandler.MAX_INSTRUCTIONS, r.length);
            // About 150 ms on a quiet machine; the bound leaves room for a CI machine shared with other builds.
            assertTrue(ms < 3000, count + " instructions asked: " + ms + " ms");
        }
    }

    @Test
    void anEmptyReferenceMeansTheFirstInstructionBeforeAnyStop() {
        for (String empty : new String[] {"", "  "}) {
            DisassembledInstruction[] r = disassemble(empty, 0, 3);
            assertEquals(3, r.length);
            assertEquals(ref(index.all().get(0).moduleOffset()), r[0].getAddress());
        }
    }

    @Test
    void anEmptyReferenceMeansTheStoppedInstructionWhenStopped() {
        DisassemblyIndex.Instruction mid = index.all().get(index.all().size() / 2);
        when(session.state()).thenReturn(RunState.STOPPED);
        Stop stop = new Stop(new DebugEvent.Step(), List.of(Fixtures.frame("f", 1, mid.moduleOffset())), "step");
        when(session.stop()).thenReturn(stop);
        DisassembledInstruction[] r = disassemble("", -1, 3);
        assertEquals(ref(mid.moduleOffset()), r[1].getAddress());
        assertEquals(mid.text(), r[1].getInstruction());
    }
}
