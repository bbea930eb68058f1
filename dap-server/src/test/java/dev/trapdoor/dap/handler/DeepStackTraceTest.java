package dev.trapdoor.dap.handler;

import dev.trapdoor.dap.session.Program;
import dev.trapdoor.dap.session.Session;
import dev.trapdoor.dap.session.Stop;
import dev.trapdoor.dap.source.DisassemblyIndex;
import dev.trapdoor.dap.source.SourceLocator;
import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.debug.DebugEvent;
import dev.trapdoor.engine.debug.DebugFrame;
import dev.trapdoor.engine.dwarf.SourceMap;
import dev.trapdoor.engine.model.ValType;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.trap.TrapKind;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StackTraceArguments;
import org.eclipse.lsp4j.debug.StackTraceResponse;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * stackTrace after a call-stack-exhausted trap: 100,000s of frames, listed whole and paged, each with its own id
 * (issue 27: 200,000 frames took 30 s, from quadratic id bookkeeping). The module, source map and locator are real (examples/fib.wasm); only the
 * session is a mock, and the frames are plain objects, since a mock's per-call bookkeeping would dominate the timing.
 */
class DeepStackTraceTest {
    private final Session session = mock(Session.class);
    private final StackHandler handler = new StackHandler(session);
    private final List<DebugFrame> shapes = new ArrayList<>();
    /** The stop the session answers; one stubbing, so earlier stops are not kept alive by the mock. */
    private Stop current;

    DeepStackTraceTest() throws Exception {
        WasmModule module = Wasm.load(Files.readAllBytes(Path.of("../examples/fib.wasm")));
        DisassemblyIndex index = new DisassemblyIndex(module);
        SourceMap map = SourceMap.of(module);
        Program program = mock(Program.class);
        when(session.program()).thenReturn(program);
        when(session.stop()).thenAnswer(a -> current);
        when(program.sourceMap()).thenReturn(map);
        when(program.references()).thenReturn(dev.trapdoor.dap.adapt.InstructionReferences.of(module.bytes()));
        when(program.sources()).thenReturn(new SourceLocator(module, map, List.of(), index, i -> "f" + i));
        List<DisassemblyIndex.Instruction> all = index.all();
        for (int k = 0; k < 7; k++) {
            DisassemblyIndex.Instruction in = all.get(k * all.size() / 7);
            shapes.add(new Frame(in.funcIndex(), in.moduleOffset()));
        }
    }

    private Stop stop(int depth) {
        List<DebugFrame> frames = new ArrayList<>(depth);
        for (int i = 0; i < depth; i++) {
            frames.add(shapes.get(i % shapes.size()));
        }
        return new Stop(new DebugEvent.Trap(TrapKind.CALL_STACK_EXHAUSTED, null, 0, 0), frames, "exception");
    }

    private StackTraceResponse trace(Integer start, Integer levels) {
        StackTraceArguments a = new StackTraceArguments();
        a.setThreadId(1);
        a.setStartFrame(start);
        a.setLevels(levels);
        return handler.stackTrace(a);
    }

    @Test
    void pagesOfADeepStack() {
        current = stop(200_000);
        StackTraceResponse top = trace(0, 20);
        int total = top.getTotalFrames();
        assertEquals(20, top.getStackFrames().length);
        assertTrue(total >= 200_000, "at least one frame per Wasm frame: " + total);
        StackTraceResponse page = trace(total - 5, 20);
        assertEquals(5, page.getStackFrames().length);
        assertEquals(total, page.getTotalFrames());
        StackFrame last = page.getStackFrames()[4];
        assertEquals(last.getId(), trace(total - 1, 1).getStackFrames()[0].getId(), "a frame keeps its id");
        assertEquals(0, trace(total, 20).getStackFrames().length);
    }

    @Test
    void theWholeTraceOfADeepStackListsEveryFrameOnceWithItsOwnId() {
        // How long this takes is a benchmark's business, not a test's; what the test holds is that every frame is
        // there, once, with an id no other frame has (the bookkeeping that made ids quadratic is what it guards).
        current = stop(200_000);
        StackFrame[] all = trace(null, null).getStackFrames();
        assertTrue(all.length >= 200_000, "frames: " + all.length);
        java.util.Set<Integer> ids = new java.util.HashSet<>();
        for (StackFrame f : all) {
            assertTrue(ids.add(f.getId()), "two frames share id " + f.getId());
        }
    }

    /** A frame as the engine shows one, frozen: only what stackTrace reads. */
    private record Frame(int funcIndex, int moduleOffset) implements DebugFrame {
        public int index() {
            return 0;
        }

        public String functionName() {
            return "f" + funcIndex;
        }

        public int localCount() {
            return 0;
        }

        public int paramCount() {
            return 0;
        }

        public ValType localType(int local) {
            throw new IndexOutOfBoundsException(local);
        }

        public String localName(int local) {
            return null;
        }

        public long local(int local) {
            throw new IndexOutOfBoundsException(local);
        }

        public void setLocal(int local, long value) {
            throw new IndexOutOfBoundsException(local);
        }

        public int stackHeight() {
            return 0;
        }

        public ValType stackType(int i) {
            throw new IndexOutOfBoundsException(i);
        }

        public long stack(int i) {
            throw new IndexOutOfBoundsException(i);
        }

        public void setStack(int i, long value) {
            throw new IndexOutOfBoundsException(i);
        }

        public boolean isValid() {
            return true;
        }
    }
}
