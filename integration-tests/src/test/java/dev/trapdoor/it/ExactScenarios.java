package dev.trapdoor.it;

import org.eclipse.lsp4j.debug.*;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Instruction-exact debugging over DAP on {@code examples/cvars.c} (clang -O0), checked against {@code wasm-objdump
 * -d}: a breakpoint on every instruction of a function stops exactly there, instruction steps move one instruction,
 * every operand slot can be set; and every request of DAP 1.69 gets a clean answer.
 */
abstract class ExactScenarios {
    private static final Set<String> BRANCHES = Set.of("br", "br_if", "br_table", "if", "else", "return", "end",
            "unreachable", "call", "call_indirect");

    abstract DapClient open() throws Exception;

    private static Runnable quietly(ThrowingRunnable r) {
        return () -> {
            try {
                r.run();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        };
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    /**
     * The module offset in a reference the server made, as wasm-objdump prints it: the server's references carry
     * the module's tag in their high half, and the server takes bare offsets too (as {@link Objdump} gives them).
     */
    static String offset(String reference) {
        return "0x" + Long.toHexString(Long.decode(reference) & 0xffffffffL);
    }

    private static SetInstructionBreakpointsResponse instructionBreakpoints(DapClient c, List<Objdump.Line> lines)
            throws Exception {
        SetInstructionBreakpointsArguments a = new SetInstructionBreakpointsArguments();
        a.setBreakpoints(lines.stream().map(l -> {
            InstructionBreakpoint b = new InstructionBreakpoint();
            b.setInstructionReference(l.reference());
            return b;
        }).toArray(InstructionBreakpoint[]::new));
        return DapClient.get(c.server.setInstructionBreakpoints(a));
    }

    private static void functionBreakpoint(DapClient c, String name) throws Exception {
        SetFunctionBreakpointsArguments f = new SetFunctionBreakpointsArguments();
        FunctionBreakpoint fb = new FunctionBreakpoint();
        fb.setName(name);
        f.setBreakpoints(new FunctionBreakpoint[] {fb});
        assertTrue(DapClient.get(c.server.setFunctionBreakpoints(f)).getBreakpoints()[0].isVerified());
    }

    @Test
    void aBreakpointOnEveryInstructionOfMainStopsExactlyThere() throws Exception {
        List<Objdump.Line> lines = Objdump.function(DapClient.CVARS, "__original_main");
        try (DapClient c = open()) {
            List<Breakpoint> placed = new ArrayList<>();
            c.start(DapClient.launchArgs(DapClient.CVARS), quietly(() -> placed.addAll(List.of(
                    instructionBreakpoints(c, lines).getBreakpoints()))));
            assertEquals(lines.size(), placed.size());
            int exact = 0;
            for (int i = 0; i < lines.size(); i++) {
                if (placed.get(i).isVerified() && lines.get(i).reference().equals(
                        offset(placed.get(i).getInstructionReference()))) {
                    exact++;
                }
            }
            assertEquals(lines.size(), exact, "breakpoints placed exactly where requested");

            // Every instruction now stops: each continue must reach the very next instruction that runs.
            List<String> order = lines.stream().map(Objdump.Line::reference).toList();
            Set<String> stopped = new HashSet<>();
            String previous = null;
            for (int n = 0; n < 2000; n++) {
                StoppedEventArguments s = c.awaitStopped();
                assertEquals("instruction breakpoint", s.getReason());
                StackFrame top = c.top();
                String at = offset(top.getInstructionPointerReference());
                assertTrue(order.contains(at), at + " is an instruction start of main");
                if (previous != null) {
                    Objdump.Line before = lines.get(order.indexOf(previous));
                    if (!BRANCHES.contains(before.mnemonic())) {
                        assertEquals(order.get(order.indexOf(previous) + 1), at, "after " + before);
                    }
                }
                stopped.add(at);
                previous = at;
                if (lines.get(order.indexOf(at)).mnemonic().equals("return")) {
                    break;
                }
                c.cont();
            }
            // What never runs: ends that branches skip (the loop's, main's after its return) and clamp's other arm,
            // which the `br 1` after the taken arm jumps over up to the end of the conditional's outer block.
            int br = order.indexOf(lines.stream().filter(l -> l.text().equals("br 1")).findFirst().orElseThrow()
                    .reference());
            int outerEnd = br + 2;
            while (!lines.get(outerEnd).mnemonic().equals("end")) {
                outerEnd++;
            }
            List<Objdump.Line> otherArm = lines.subList(br + 1, outerEnd);
            List<Objdump.Line> missed = lines.stream().filter(l -> !stopped.contains(l.reference())).toList();
            assertTrue(missed.stream().allMatch(l -> l.mnemonic().equals("end") || otherArm.contains(l)),
                    "never stopped at " + missed);
            assertTrue(missed.containsAll(otherArm.subList(1, otherArm.size())), "stopped in the arm not taken");
            assertTrue(c.output("console").contains("__original_main now runs exactly"), c.output("console"));
            instructionBreakpoints(c, List.of());
            c.cont();
            assertEquals(0, c.exitCode());
        }
    }

    @Test
    void instructionStepsFollowWasmObjdumpAndEveryOperandCanBeSet() throws Exception {
        List<Objdump.Line> lines = Objdump.function(DapClient.CVARS, "weigh");
        List<String> order = lines.stream().map(Objdump.Line::reference).toList();
        try (DapClient c = open()) {
            c.start(DapClient.launchArgs(DapClient.CVARS), quietly(() -> functionBreakpoint(c, "weigh")));
            c.awaitStopped();
            assertEquals("weigh", c.top().getName());
            int steps = 0;
            int operandsSet = 0;
            boolean changed = false;
            String at = offset(c.top().getInstructionPointerReference());
            while (c.top().getName().equals("weigh")) {
                int i = order.indexOf(at);
                assertTrue(i >= 0, at + " is an instruction start of weigh");
                StackFrame top = c.top();
                int ref = c.scopeRef(top.getId(), "Operand Stack");
                for (Variable v : c.children(ref, null, null)) {
                    SetVariableArguments set = new SetVariableArguments();
                    set.setVariablesReference(ref);
                    set.setName(v.getName());
                    // p->x * 2 is p->x << 1 at -O0: a shift by 3 instead makes the weight 3 * 8 + 4 + 2.
                    boolean shift = lines.get(i).mnemonic().equals("i32.shl") && v.getName().equals("[1]");
                    set.setValue(shift ? "3" : v.getValue());
                    assertEquals(shift ? "3" : v.getValue(), DapClient.get(c.server.setVariable(set)).getValue());
                    operandsSet++;
                    changed |= shift;
                }
                c.stepIn(SteppingGranularity.INSTRUCTION);
                steps++;
                String next = offset(c.top().getInstructionPointerReference());
                if (!lines.get(i).mnemonic().equals("return") && c.top().getName().equals("weigh")) {
                    assertEquals(order.get(i + 1), next, "one instruction step from " + lines.get(i));
                }
                at = next;
            }
            assertEquals(lines.size() - 1, steps, "every instruction but the final end, one step each");
            assertTrue(changed && operandsSet > 40, "operands set: " + operandsSet);
            c.cont();
            assertEquals(0, c.exitCode());
            assertTrue(c.output("stdout").contains("weight 30"), c.output("stdout"));
        }
    }

    @Test
    void everyRequestOfDap169GetsAnAnswerAndNoneLeaksJava() throws Exception {
        try (DapClient c = open()) {
            c.start(DapClient.launchArgs(DapClient.CVARS), quietly(() -> functionBreakpoint(c, "weigh")));
            c.awaitStopped();
            int frame = c.top().getId();
            IDebugProtocolServerProbe p = new IDebugProtocolServerProbe();
            var s = c.server;
            p.ask("cancel", () -> s.cancel(new CancelArguments()));
            p.ask("breakpointLocations", () -> {
                BreakpointLocationsArguments a = new BreakpointLocationsArguments();
                Source src = new Source();
                src.setPath(DapClient.CVARS_C.toString());
                a.setSource(src);
                a.setLine(1);
                return s.breakpointLocations(a);
            });
            p.ask("completions", () -> {
                CompletionsArguments a = new CompletionsArguments();
                a.setText("p");
                a.setColumn(2);
                a.setFrameId(frame);
                return s.completions(a);
            });
            p.ask("dataBreakpointInfo", () -> {
                DataBreakpointInfoArguments a = new DataBreakpointInfoArguments();
                a.setName("p");
                return s.dataBreakpointInfo(a);
            });
            p.ask("setDataBreakpoints", () -> {
                SetDataBreakpointsArguments a = new SetDataBreakpointsArguments();
                a.setBreakpoints(new DataBreakpoint[0]);
                return s.setDataBreakpoints(a);
            });
            p.ask("disassemble", () -> {
                DisassembleArguments a = new DisassembleArguments();
                a.setMemoryReference("0x0");
                a.setInstructionCount(2);
                return s.disassemble(a);
            });
            p.ask("evaluate", () -> {
                EvaluateArguments a = new EvaluateArguments();
                a.setExpression("bias");
                a.setFrameId(frame);
                return s.evaluate(a);
            });
            p.ask("exceptionInfo", () -> {
                ExceptionInfoArguments a = new ExceptionInfoArguments();
                a.setThreadId(1);
                return s.exceptionInfo(a);
            });
            p.ask("goto", () -> {
                GotoArguments a = new GotoArguments();
                a.setThreadId(1);
                a.setTargetId(1);
                return s.goto_(a);
            });
            p.ask("gotoTargets", () -> {
                GotoTargetsArguments a = new GotoTargetsArguments();
                Source src = new Source();
                src.setPath(DapClient.CVARS_C.toString());
                a.setSource(src);
                a.setLine(30);
                return s.gotoTargets(a);
            });
            p.ask("loadedSources", () -> s.loadedSources(new LoadedSourcesArguments()));
            p.ask("locations", () -> {
                LocationsArguments a = new LocationsArguments();
                a.setLocationReference(1);
                return s.locations(a);
            });
            p.ask("modules", () -> s.modules(new ModulesArguments()));
            p.ask("readMemory", () -> {
                ReadMemoryArguments a = new ReadMemoryArguments();
                a.setMemoryReference("0x400");
                a.setCount(4);
                return s.readMemory(a);
            });
            p.ask("reverseContinue", () -> {
                ReverseContinueArguments a = new ReverseContinueArguments();
                a.setThreadId(1);
                return s.reverseContinue(a);
            });
            p.ask("scopes", () -> {
                ScopesArguments a = new ScopesArguments();
                a.setFrameId(frame);
                return s.scopes(a);
            });
            p.ask("setBreakpoints", () -> {
                SetBreakpointsArguments a = new SetBreakpointsArguments();
                Source src = new Source();
                src.setPath(DapClient.CVARS_C.toString());
                a.setSource(src);
                a.setBreakpoints(new SourceBreakpoint[0]);
                return s.setBreakpoints(a);
            });
            p.ask("setExceptionBreakpoints", () -> {
                SetExceptionBreakpointsArguments a = new SetExceptionBreakpointsArguments();
                a.setFilters(new String[0]);
                return s.setExceptionBreakpoints(a);
            });
            p.ask("setExpression", () -> {
                SetExpressionArguments a = new SetExpressionArguments();
                a.setExpression("bias");
                a.setValue("2");
                a.setFrameId(frame);
                return s.setExpression(a);
            });
            p.ask("setFunctionBreakpoints", () -> {
                SetFunctionBreakpointsArguments a = new SetFunctionBreakpointsArguments();
                FunctionBreakpoint fb = new FunctionBreakpoint();
                fb.setName("weigh");
                a.setBreakpoints(new FunctionBreakpoint[] {fb});
                return s.setFunctionBreakpoints(a);
            });
            p.ask("setInstructionBreakpoints", () -> {
                SetInstructionBreakpointsArguments a = new SetInstructionBreakpointsArguments();
                a.setBreakpoints(new InstructionBreakpoint[0]);
                return s.setInstructionBreakpoints(a);
            });
            p.ask("setVariable", () -> {
                SetVariableArguments a = new SetVariableArguments();
                a.setVariablesReference(999_999);
                a.setName("x");
                a.setValue("1");
                return s.setVariable(a);
            });
            p.ask("source", () -> {
                SourceArguments a = new SourceArguments();
                a.setSourceReference(999_999);
                return s.source(a);
            });
            p.ask("stackTrace", () -> {
                StackTraceArguments a = new StackTraceArguments();
                a.setThreadId(1);
                return s.stackTrace(a);
            });
            p.ask("stepBack", () -> {
                StepBackArguments a = new StepBackArguments();
                a.setThreadId(1);
                return s.stepBack(a);
            });
            p.ask("stepInTargets", () -> {
                StepInTargetsArguments a = new StepInTargetsArguments();
                a.setFrameId(frame);
                return s.stepInTargets(a);
            });
            p.ask("terminateThreads", () -> {
                TerminateThreadsArguments a = new TerminateThreadsArguments();
                a.setThreadIds(new int[] {1});
                return s.terminateThreads(a);
            });
            p.ask("threads", s::threads);
            p.ask("variables", () -> {
                VariablesArguments a = new VariablesArguments();
                a.setVariablesReference(999_999);
                return s.variables(a);
            });
            p.ask("writeMemory", () -> {
                WriteMemoryArguments a = new WriteMemoryArguments();
                a.setMemoryReference("0x7fffffff");
                a.setData("AA==");
                return s.writeMemory(a);
            });
            p.ask("pause", () -> {
                PauseArguments a = new PauseArguments();
                a.setThreadId(1);
                return s.pause(a);
            });
            assertFalse(p.failures.containsKey("dataBreakpointInfo"), p.failures.toString());
            assertFalse(p.failures.containsKey("setDataBreakpoints"), p.failures.toString());
            for (String unsupported : List.of("cancel", "locations", "terminateThreads")) {
                assertTrue(p.failures.containsKey(unsupported), unsupported + " answered " + p.failures);
                assertTrue(p.failures.get(unsupported).contains("not supported"), p.failures.get(unsupported));
            }
            // Going back needs the launch option record.
            assertEquals("stepBack: the program is not being recorded (launch it with recording on)",
                    p.failures.get("stepBack"));
            assertEquals("reverseContinue: the program is not being recorded (launch it with recording on)",
                    p.failures.get("reverseContinue"));
            // The requests that move or end the program, last: next, stepIn, stepOut, continue, then the lifecycle.
            p.ask("next", () -> {
                NextArguments a = new NextArguments();
                a.setThreadId(1);
                return s.next(a);
            });
            c.awaitStopped();
            p.ask("stepIn", () -> {
                StepInArguments a = new StepInArguments();
                a.setThreadId(1);
                return s.stepIn(a);
            });
            c.awaitStopped();
            p.ask("stepOut", () -> {
                StepOutArguments a = new StepOutArguments();
                a.setThreadId(1);
                return s.stepOut(a);
            });
            c.awaitStopped();
            int caller = c.top().getId();
            p.ask("restartFrame", () -> {
                RestartFrameArguments a = new RestartFrameArguments();
                a.setFrameId(caller);
                return s.restartFrame(a);
            });
            assertFalse(p.failures.containsKey("restartFrame"), p.failures.toString());
            c.awaitStopped();
            p.ask("launch", () -> s.launch(DapClient.launchArgs(DapClient.CVARS)));
            p.ask("attach", () -> s.attach(Map.of("port", 1)));
            p.ask("initialize", () -> s.initialize(DapClient.initializeArgs()));
            p.ask("configurationDone", () -> s.configurationDone(new ConfigurationDoneArguments()));
            p.ask("restart", () -> s.restart(new RestartArguments()));
            c.awaitStopped();
            p.ask("continue", () -> {
                ContinueArguments a = new ContinueArguments();
                a.setThreadId(1);
                return s.continue_(a);
            });
            p.ask("terminate", () -> s.terminate(new TerminateArguments()));
            p.ask("disconnect", () -> s.disconnect(new DisconnectArguments()));
            assertEquals(43, p.asked, "requests sent: all of DAP 1.69's but runInTerminal and startDebugging,"
                    + " which go from the adapter to the client");
            for (String works : List.of("threads", "stackTrace", "scopes", "evaluate", "disassemble", "next")) {
                assertFalse(p.failures.containsKey(works), works + ": " + p.failures.get(works));
            }
        }
    }

    /** Sends requests and keeps each failure's message, checking that none is an internal error or Java. */
    static final class IDebugProtocolServerProbe {
        final Map<String, String> failures = new java.util.LinkedHashMap<>();
        int asked;

        void ask(String command, Supplier<CompletableFuture<?>> request) {
            asked++;
            try {
                DapClient.get(request.get());
            } catch (ResponseErrorException e) {
                String m = e.getMessage();
                failures.put(command, m);
                assertFalse(m == null || m.isBlank(), command + ": no message");
                for (String leak : List.of("nternal error", "Exception", "java.", "\tat ", "lsp4j")) {
                    assertFalse(m.contains(leak), command + " leaks '" + leak + "': " + m);
                }
            } catch (Exception e) {
                throw new AssertionError(command + ": " + e, e);
            }
        }
    }
}
