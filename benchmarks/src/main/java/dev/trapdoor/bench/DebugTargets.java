package dev.trapdoor.bench;

import dev.trapdoor.engine.debug.DebugEvent;
import dev.trapdoor.engine.debug.Resume;
import dev.trapdoor.engine.exec.Debugger;
import dev.trapdoor.engine.exec.FunctionInstance;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.instr.Disassembler;
import dev.trapdoor.engine.model.Export;
import dev.trapdoor.engine.model.ExternKind;
import dev.trapdoor.engine.model.WasmModule;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Where the debugger-overhead scenarios put their breakpoints, found in the kernel itself rather than hard-coded:
 * the loop header of {@code run} (the first instruction after its first {@code loop}), and instructions of functions
 * that a call of {@code run} never executes.
 */
final class DebugTargets {
    private DebugTargets() {
    }

    static int exportIndex(WasmModule module, String name) {
        for (Export e : module.exports()) {
            if (e.kind() == ExternKind.FUNC && e.name().equals(name)) {
                return e.index();
            }
        }
        throw new IllegalArgumentException("no exported function " + name);
    }

    /** Module offset of the first instruction inside the first loop of function {@code funcIndex}. */
    static int loopHeader(WasmModule module, int funcIndex) {
        List<String> lines = Disassembler.disassemble(module, funcIndex);
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).contains(": loop")) {
                return offsetOf(lines.get(i + 1));
            }
        }
        throw new IllegalStateException("function " + funcIndex + " has no loop");
    }

    private static int offsetOf(String line) {
        return Integer.parseInt(line.substring(2, line.indexOf(':')), 16);
    }

    /**
     * The defined function {@code run(n)} calls most often ({@code run} itself when it calls nothing more than once):
     * found with a breakpoint at every defined function's entry, all removed afterwards.
     */
    static int mostCalled(Instance instance, FunctionInstance run, int n) {
        WasmModule module = instance.module();
        Debugger debugger = instance.store().debugger();
        int[] calls = new int[module.functionCount()];
        List<dev.trapdoor.engine.debug.Breakpoint> probes = new ArrayList<>();
        for (int f = module.importedFunctionCount(); f < module.functionCount(); f++) {
            probes.add(debugger.addFunctionBreakpoint(instance, f));
        }
        debugger.setEntryEvents(false);
        debugger.setHandler((event, frames) -> {
            calls[frames.get(0).funcIndex()]++;
            return dev.trapdoor.engine.debug.Resume.CONTINUE;
        });
        run.call(n);
        probes.forEach(debugger::removeBreakpoint);
        debugger.setHandler(null);
        int best = run.funcIndex();
        for (int f = 0; f < calls.length; f++) {
            if (calls[f] > Math.max(1, calls[best])) {
                best = f;
            }
        }
        return best;
    }

    /**
     * Offsets of instructions in functions that {@code run(n)} never enters, found by running it once with a
     * breakpoint at every defined function's entry.
     */
    static List<Integer> neverRun(Instance instance, FunctionInstance run, int n) {
        WasmModule module = instance.module();
        Debugger debugger = instance.store().debugger();
        BitSet entered = new BitSet();
        List<dev.trapdoor.engine.debug.Breakpoint> probes = new ArrayList<>();
        for (int f = module.importedFunctionCount(); f < module.functionCount(); f++) {
            probes.add(debugger.addFunctionBreakpoint(instance, f));
        }
        debugger.setEntryEvents(false);
        debugger.setHandler((event, frames) -> {
            if (event instanceof DebugEvent.BreakpointHit hit) {
                entered.set(hit.breakpoint().funcIndex());
            }
            return Resume.CONTINUE;
        });
        run.call(n);
        probes.forEach(debugger::removeBreakpoint);
        debugger.setHandler(null);
        List<Integer> offsets = new ArrayList<>();
        for (int f = module.importedFunctionCount(); f < module.functionCount(); f++) {
            if (!entered.get(f)) {
                Disassembler.disassemble(module, f).forEach(line -> offsets.add(offsetOf(line)));
            }
        }
        return offsets;
    }
}
