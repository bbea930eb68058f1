package dev.trapdoor.it;

import org.eclipse.lsp4j.debug.*;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The debugging scenarios of issue 7 on {@code examples/debugme.c}, run against the packaged server by each transport
 * ({@link DapStdioIT}, {@link DapTcpIT}). Lines are found by their marker comments, never hard-coded.
 */
abstract class DapScenarios {
    /** A fresh client connected to a fresh session. */
    abstract DapClient open() throws Exception;

    @Test
    void breaksOnACLineAndStepsInOutAndOverByLine() throws Exception {
        try (DapClient c = open()) {
            int call = DapClient.line("call-scale");
            int[] verified = new int[1];
            c.start(DapClient.launchArgs(), () -> {
                try {
                    SetBreakpointsResponse r = c.setLines(call);
                    assertTrue(r.getBreakpoints()[0].isVerified(), "verified: " + r.getBreakpoints()[0]);
                    verified[0] = r.getBreakpoints()[0].getLine();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            assertEquals(call, verified[0]);
            StoppedEventArguments stop = c.awaitStopped();
            assertEquals("breakpoint", stop.getReason());
            StackFrame top = c.top();
            assertEquals("sum", top.getName());
            assertEquals(call, top.getLine());
            assertTrue(top.getSource().getPath().endsWith("debugme.c"), top.getSource().getPath());
            assertTrue(top.getInstructionPointerReference().startsWith("0x"));

            c.setLines(); // clear, so steps are not interrupted by the breakpoint again
            assertEquals("step", c.stepIn(SteppingGranularity.LINE).getReason());
            StackFrame in = c.top();
            assertEquals("scale", in.getName());
            assertEquals(DapClient.line("scale"), in.getLine());

            c.stepOut(SteppingGranularity.LINE);
            StackFrame out = c.top();
            assertEquals("sum", out.getName());
            assertTrue(out.getLine() >= DapClient.line("loop") && out.getLine() <= DapClient.line("sum-return"),
                    "a line of sum: " + out.getLine());

            // The loop alternates between its header and its body; next never enters scale().
            int loop = DapClient.line("loop");
            assertEquals(call, out.getLine(), "stepOut stops on the call line, which still adds the result");
            c.next(SteppingGranularity.LINE);
            assertEquals(loop, c.top().getLine(), "next finishes the call line and stops at the loop header");
            for (int i = 0; i < 2; i++) {
                c.next(SteppingGranularity.LINE);
                assertEquals("sum", c.top().getName());
                assertEquals(call, c.top().getLine());
                c.next(SteppingGranularity.STATEMENT);
                assertEquals(loop, c.top().getLine());
            }
            c.cont();
            assertEquals(0, c.exitCode());
            assertTrue(c.output("stdout").contains("total 16"), c.output("stdout"));
        }
    }

    /** A {@code .wat} program debugged at text-line level: breakpoints, frames and steps on its lines. */
    @Test
    void debugsATextProgramByItsLines() throws Exception {
        Path wat = Trapdoor.example("count.wat");
        try (DapClient c = open()) {
            int call = DapClient.line(wat, "call");
            int[] verified = new int[1];
            c.start(DapClient.launchArgs(wat), () -> {
                try {
                    SetBreakpointsResponse r = c.setBreakpoints(wat, breakpoint(call));
                    assertTrue(r.getBreakpoints()[0].isVerified(), "verified: " + r.getBreakpoints()[0]);
                    verified[0] = r.getBreakpoints()[0].getLine();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            assertEquals(call, verified[0]);
            assertEquals("breakpoint", c.awaitStopped().getReason());
            StackFrame top = c.top();
            assertEquals("main", top.getName());
            assertEquals(call, top.getLine());
            assertTrue(top.getSource().getPath().endsWith("count.wat"), top.getSource().getPath());

            c.setBreakpoints(wat);
            assertEquals("step", c.stepIn(SteppingGranularity.LINE).getReason());
            assertEquals("add", c.top().getName());
            assertEquals(DapClient.line(wat, "add"), c.top().getLine());

            c.stepOut(SteppingGranularity.LINE);
            assertEquals("main", c.top().getName());
            int incr = DapClient.line(wat, "incr");
            if (c.top().getLine() == call) {
                c.next(SteppingGranularity.LINE); // the rest of the call's line: storing the sum
            }
            assertEquals(incr, c.top().getLine());
            c.cont();
            assertEquals(0, c.exitCode());
            assertTrue(c.output("stdout").contains("sum 6"), c.output("stdout"));
        }
    }

    private static SourceBreakpoint breakpoint(int line) {
        SourceBreakpoint b = new SourceBreakpoint();
        b.setLine(line);
        return b;
    }

    @Test
    void stepsByInstructionAndShowsTheDisassemblyAroundThePc() throws Exception {
        try (DapClient c = open()) {
            int call = DapClient.line("call-scale");
            c.start(DapClient.launchArgs(), () -> setLines(c, call));
            c.awaitStopped();
            String pc = c.top().getInstructionPointerReference();

            DisassembleArguments d = new DisassembleArguments();
            d.setMemoryReference(pc);
            d.setInstructionOffset(-4);
            d.setInstructionCount(10);
            DisassembledInstruction[] around = DapClient.get(c.server.disassemble(d)).getInstructions();
            assertEquals(10, around.length);
            assertEquals(pc, around[4].getAddress());
            c.next(SteppingGranularity.INSTRUCTION);
            // The next instruction the engine stops at: the one after the pc, or a little further when the engine
            // runs a few instructions as one (it never stops between them).
            String after = c.top().getInstructionPointerReference();
            assertTrue(Arrays.stream(around, 5, 10).anyMatch(i -> i.getAddress().equals(after)),
                    after + " is among the next instructions after " + pc);

            boolean inScale = false;
            for (int i = 0; i < 60 && !inScale; i++) {
                c.stepIn(SteppingGranularity.INSTRUCTION);
                inScale = c.top().getName().equals("scale");
            }
            assertTrue(inScale, "instruction steps enter the call");
            c.stepOut(SteppingGranularity.INSTRUCTION);
            assertEquals("sum", c.top().getName());

            d.setMemoryReference("0x0");
            d.setInstructionOffset(-3);
            d.setInstructionCount(6);
            DisassembledInstruction[] start = DapClient.get(c.server.disassemble(d)).getInstructions();
            assertEquals(6, start.length, "padded to exactly instructionCount");
            assertEquals(DisassembledInstructionPresentationHint.INVALID, start[0].getPresentationHint());
            TerminateArguments t = new TerminateArguments();
            DapClient.get(c.server.terminate(t));
            c.awaitEvent("terminated", b -> true);
        }
    }

    @Test
    void readsWasmLocalsSetsOneAndTheProgramUsesIt() throws Exception {
        try (DapClient c = open()) {
            int scale = DapClient.line("scale");
            SourceBreakpoint bp = new SourceBreakpoint();
            bp.setLine(scale);
            bp.setCondition("$0 == 3"); // a Wasm-level condition: the first parameter, value
            c.start(DapClient.launchArgs(), () -> setBreakpoints(c, bp));
            c.awaitStopped();
            StackFrame top = c.top();
            assertEquals("scale", top.getName());
            Variable[] locals = c.scope(top.getId(), "Wasm Locals");
            assertEquals("3", DapClient.value(locals, "$0"));
            assertEquals("2", DapClient.value(locals, "$1"));
            assertEquals("31", c.evaluate("$0 * 10 + 1", top.getId(), "watch").getResult());
            assertEquals("i32", c.evaluate("$1", top.getId(), "hover").getType());

            SetVariableArguments set = new SetVariableArguments();
            set.setVariablesReference(c.scopeRef(top.getId(), "Wasm Locals"));
            set.setName("$1");
            set.setValue("100");
            assertEquals("100", DapClient.get(c.server.setVariable(set)).getValue());
            c.setLines();
            c.cont();
            assertEquals(0, c.exitCode());
            // 1 + 3 + 5 + (3 * 100 + 1): the changed factor was used
            assertTrue(c.output("stdout").contains("total 310"), c.output("stdout"));
        }
    }

    @Test
    void stopsOnDivisionByZeroThroughItsFilterWithTheOperands() throws Exception {
        try (DapClient c = open()) {
            Capabilities caps = c.start(DapClient.launchArgs("div"),
                    () -> filters(c, "trap.integer-divide-by-zero"));
            assertTrue(Arrays.stream(caps.getExceptionBreakpointFilters())
                    .anyMatch(f -> f.getFilter().equals("trap.integer-divide-by-zero")));
            StoppedEventArguments stop = c.awaitStopped();
            assertEquals("exception", stop.getReason());
            assertEquals("divide", c.top().getName());
            assertEquals(DapClient.line("divide"), c.top().getLine());
            ExceptionInfoArguments a = new ExceptionInfoArguments();
            a.setThreadId(1);
            ExceptionInfoResponse info = DapClient.get(c.server.exceptionInfo(a));
            assertEquals("trap.integer-divide-by-zero", info.getExceptionId());
            assertTrue(info.getDescription().contains("i32.div_s 14, 0"), info.getDescription());
            Map<String, String> fields = fields(info);
            assertEquals("14", fields.get("left"));
            assertEquals("0", fields.get("right"));
            c.cont();
            assertEquals(134, c.exitCode());
        }
    }

    @Test
    void stopsOnACallIndirectMismatchWithExpectedAndActualTypes() throws Exception {
        try (DapClient c = open()) {
            c.start(DapClient.launchArgs("fpcast"), () -> filters(c, "trap.all"));
            assertEquals("exception", c.awaitStopped().getReason());
            assertEquals("call_through", c.top().getName());
            ExceptionInfoArguments a = new ExceptionInfoArguments();
            a.setThreadId(1);
            ExceptionInfoResponse info = DapClient.get(c.server.exceptionInfo(a));
            assertEquals("trap.indirect-call-type-mismatch", info.getExceptionId());
            Map<String, String> fields = fields(info);
            assertEquals("(i32) -> (i32)", fields.get("expected"));
            assertEquals("(i32, i32) -> (i32)", fields.get("actual"));
            assertEquals("add_two", fields.get("calleeName"));
            c.cont();
            assertEquals(134, c.exitCode());
        }
    }

    @Test
    void functionPointerCastEmulationReportsInsteadOfTrapping() throws Exception {
        try (DapClient c = open()) {
            Map<String, Object> launch = DapClient.launchArgs("fpcast");
            launch.put("emulateFunctionPointerCasts", true);
            c.start(launch, () -> filters(c, "trap.all"));
            assertEquals(0, c.exitCode());
            assertFalse(c.has("stopped"), "no trap: " + c.names());
            String important = c.output("important");
            assertTrue(important.contains("function pointer cast") && important.contains("add_two"), important);
        }
    }

    @Test
    void readsAndWritesMemory() throws Exception {
        try (DapClient c = open()) {
            c.start(DapClient.launchArgs(), () -> setLines(c, DapClient.line("scale")));
            c.awaitStopped();
            ReadMemoryArguments r = new ReadMemoryArguments();
            r.setMemoryReference("mem:0@0x1000");
            r.setCount(8);
            ReadMemoryResponse before = DapClient.get(c.server.readMemory(r));
            assertEquals("0x1000", before.getAddress());
            assertEquals(8, Base64.getDecoder().decode(before.getData()).length);

            WriteMemoryArguments w = new WriteMemoryArguments();
            w.setMemoryReference("mem:0@0x1000");
            byte[] bytes = {1, 2, 3, 4, 5, 6, 7, 8};
            w.setData(Base64.getEncoder().encodeToString(bytes));
            assertEquals(8, DapClient.get(c.server.writeMemory(w)).getBytesWritten());
            assertArrayEquals(bytes, Base64.getDecoder().decode(DapClient.get(c.server.readMemory(r)).getData()));
            c.awaitEvent("memory", b -> true);
            assertEquals("67305985", c.evaluate("mem32[0x1000]", null, "repl").getResult());

            r.setMemoryReference("mem:0");
            r.setOffset(Integer.MAX_VALUE - 4);
            assertEquals(8, DapClient.get(c.server.readMemory(r)).getUnreadableBytes(), "past the end");
            TerminateArguments t = new TerminateArguments();
            DapClient.get(c.server.terminate(t));
            c.awaitEvent("terminated", b -> true);
        }
    }

    @Test
    void pausesAnInfiniteLoop() throws Exception {
        try (DapClient c = open()) {
            c.start(DapClient.launchArgs("spin"), () -> {
            });
            c.awaitEvent("output", b -> ((OutputEventArguments) b).getOutput().contains("spinning"));
            PauseArguments p = new PauseArguments();
            p.setThreadId(1);
            // The first pause may still catch the program flushing its output: go on until it is in the loop.
            boolean inLoop = false;
            for (int i = 0; i < 20 && !inLoop; i++) {
                DapClient.get(c.server.pause(p));
                assertEquals("pause", c.awaitStopped().getReason());
                inLoop = c.top().getName().equals("spin");
                if (!inLoop) {
                    c.cont();
                    java.lang.Thread.sleep(50);
                }
            }
            assertTrue(inLoop, "paused inside spin()");
            assertLineNear(c.top().getLine());
            c.cont();
            DapClient.get(c.server.pause(p));
            assertEquals("pause", c.awaitStopped().getReason());
            DisconnectArguments d = new DisconnectArguments();
            DapClient.get(c.server.disconnect(d));
        }
    }

    @Test
    void conditionalHitCountAndLogpointBreakpoints() throws Exception {
        try (DapClient c = open()) {
            SourceBreakpoint log = new SourceBreakpoint();
            log.setLine(DapClient.line("scale"));
            log.setLogMessage("scale value={$0} factor={$1}");
            SourceBreakpoint hit = new SourceBreakpoint();
            hit.setLine(DapClient.line("call-scale"));
            hit.setHitCondition("==3");
            c.start(DapClient.launchArgs(), () -> setBreakpoints(c, log, hit));
            assertEquals("breakpoint", c.awaitStopped().getReason());
            StackFrame top = c.top();
            // The third time round the loop: i == 2 (a register: the first Wasm local holding 2 is enough).
            String console = c.output("console");
            assertTrue(console.contains("scale value=0 factor=2") && console.contains("scale value=1 factor=2")
                    && !console.contains("value=2"), console);
            assertEquals("sum", top.getName());
            c.cont();
            assertEquals(0, c.exitCode());
            assertTrue(c.output("console").contains("scale value=3 factor=2"), c.output("console"));
        }
    }

    @Test
    void functionAndInstructionBreakpoints() throws Exception {
        try (DapClient c = open()) {
            String[] scalePc = new String[1];
            c.start(DapClient.launchArgs(), () -> {
                try {
                    SetFunctionBreakpointsArguments f = new SetFunctionBreakpointsArguments();
                    FunctionBreakpoint fb = new FunctionBreakpoint();
                    fb.setName("sum");
                    f.setBreakpoints(new FunctionBreakpoint[] {fb});
                    assertTrue(DapClient.get(c.server.setFunctionBreakpoints(f)).getBreakpoints()[0].isVerified());
                    scalePc[0] = c.setLines(DapClient.line("scale")).getBreakpoints()[0].getInstructionReference();
                    c.setLines();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            assertEquals("function breakpoint", c.awaitStopped().getReason());
            assertEquals("sum", c.top().getName());
            SetInstructionBreakpointsArguments ia = new SetInstructionBreakpointsArguments();
            InstructionBreakpoint ib = new InstructionBreakpoint();
            ib.setInstructionReference(scalePc[0]);
            ia.setBreakpoints(new InstructionBreakpoint[] {ib});
            assertTrue(DapClient.get(c.server.setInstructionBreakpoints(ia)).getBreakpoints()[0].isVerified());
            c.cont();
            assertEquals("instruction breakpoint", c.awaitStopped().getReason());
            assertEquals(scalePc[0], c.top().getInstructionPointerReference());
            assertEquals("scale", c.top().getName());
            TerminateArguments t = new TerminateArguments();
            DapClient.get(c.server.terminate(t));
            c.awaitEvent("terminated", b -> true);
        }
    }

    @Test
    void stopOnEntryThenModulesSourcesAndBadRequests() throws Exception {
        try (DapClient c = open()) {
            Map<String, Object> launch = DapClient.launchArgs();
            launch.put("stopOnEntry", true);
            c.start(launch, () -> {
            });
            assertEquals("entry", c.awaitStopped().getReason());
            assertTrue(c.has("module"), c.names().toString());
            ModulesResponse m = DapClient.get(c.server.modules(new ModulesArguments()));
            assertEquals("debugme.wasm", m.getModules()[0].getName());
            Source[] sources = DapClient.get(c.server.loadedSources(new LoadedSourcesArguments())).getSources();
            assertTrue(Arrays.stream(sources).anyMatch(s -> s.getPath().endsWith("debugme.c")));
            // _start's code is libc's, not on this machine: its frame shows a disassembly source.
            StackFrame top = c.top();
            assertTrue(top.getSource().getSourceReference() != null && top.getSource().getSourceReference() > 0);
            SourceArguments sa = new SourceArguments();
            sa.setSource(top.getSource());
            sa.setSourceReference(top.getSource().getSourceReference());
            // The reference's low half is the module offset, which the disassembly source lists.
            long offset = Long.decode(top.getInstructionPointerReference()) & 0xffffffffL;
            assertTrue(DapClient.get(c.server.source(sa)).getContent().contains(Long.toHexString(offset)));
            // A wrong request in the wrong state, and an unknown expression: errors, and the session goes on.
            ExceptionInfoArguments ea = new ExceptionInfoArguments();
            ea.setThreadId(1);
            assertThrows(ResponseErrorException.class, () -> DapClient.get(c.server.exceptionInfo(ea)));
            assertThrows(ResponseErrorException.class, () -> c.evaluate("$nope", null, "repl"));
            c.cont();
            assertEquals(0, c.exitCode());
            c.awaitEvent("terminated", b -> true);
        }
    }

    @Test
    void restartRunsTheProgramAgainWithItsBreakpointsAndLoadingReportsProgress() throws Exception {
        try (DapClient c = open()) {
            int call = DapClient.line("call-scale");
            c.start(DapClient.launchArgs(), () -> setLines(c, call));
            assertEquals("breakpoint", c.awaitStopped().getReason());
            // The client said it supports progress reporting: loading the module is reported as progress.
            assertTrue(c.has("progressStart") && c.has("progressEnd"), c.names().toString());
            DapClient.get(c.server.restart(new RestartArguments()));
            StoppedEventArguments again = c.awaitStopped();
            assertEquals("breakpoint", again.getReason());
            assertEquals(call, c.top().getLine(), "the fresh run stops at the same breakpoint");
            assertTrue(c.has("continued"), c.names().toString());
            c.setLines();
            c.cont();
            assertEquals(0, c.exitCode());
        }
    }

    @Test
    void launchErrorsNameTheKey() throws Exception {
        try (DapClient c = open()) {
            DapClient.get(c.server.initialize(DapClient.initializeArgs()));
            Map<String, Object> bad = new HashMap<>(DapClient.launchArgs());
            bad.put("stopOnEntry", "yes");
            ResponseErrorException e = assertThrows(ResponseErrorException.class,
                    () -> DapClient.get(c.server.launch(bad)));
            assertTrue(e.getMessage().contains("stopOnEntry"), e.getMessage());
            Map<String, Object> unknown = new HashMap<>(DapClient.launchArgs());
            unknown.put("progam", "x.wasm");
            e = assertThrows(ResponseErrorException.class, () -> DapClient.get(c.server.launch(unknown)));
            assertTrue(e.getMessage().contains("progam"), e.getMessage());
            Map<String, Object> missing = new HashMap<>(DapClient.launchArgs());
            missing.put("program", "no/such.wasm");
            e = assertThrows(ResponseErrorException.class, () -> DapClient.get(c.server.launch(missing)));
            assertTrue(e.getMessage().contains("no/such.wasm"), e.getMessage());
            // A valid module using threads (atomic.fence at 0x17): named as not supported, not as malformed.
            Path tail = Files.createTempFile("trapdoor-tail", ".wasm");
            try {
                Files.write(tail, new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0, 3, 2, 1, 0, 0x0A, 7,
                        1, 5, 0, (byte) 0xFE, 3, 0, 0x0B});
                Map<String, Object> unsupported = new HashMap<>(DapClient.launchArgs());
                unsupported.put("program", tail.toString());
                e = assertThrows(ResponseErrorException.class, () -> DapClient.get(c.server.launch(unsupported)));
                assertTrue(e.getMessage().contains(tail + ": not supported: threads at offset 0x17 (instruction 0xfe 3)"),
                        e.getMessage());
            } finally {
                Files.deleteIfExists(tail);
            }
            // The session is still usable.
            DapClient.get(c.server.launch(DapClient.launchArgs()));
            DapClient.get(c.server.configurationDone(new ConfigurationDoneArguments()));
            assertEquals(0, c.exitCode());
        }
    }

    // ---- helpers

    static Map<String, String> fields(ExceptionInfoResponse info) {
        Map<String, String> m = new HashMap<>();
        for (ExceptionDetails d : info.getDetails().getInnerException()) {
            m.put(d.getTypeName(), d.getMessage());
        }
        return m;
    }

    static void setLines(DapClient c, int... lines) {
        try {
            c.setLines(lines);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static void setBreakpoints(DapClient c, SourceBreakpoint... bps) {
        try {
            c.setBreakpoints(bps);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static void filters(DapClient c, String... ids) {
        try {
            c.exceptionFilters(ids);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The pause lands at a back-edge or call of the loop: on the loop's lines. */
    static void assertLineNear(int line) {
        int spin = DapClient.line("spin");
        assertTrue(Math.abs(line - spin) <= 1, "paused at line " + line + ", the loop is around line " + spin);
    }

    static List<String> lines(String text) {
        return text.lines().toList();
    }
}
