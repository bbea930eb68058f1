package dev.trapdoor.dap.handler;

import dev.trapdoor.dap.session.Failures;
import dev.trapdoor.dap.session.Program;
import dev.trapdoor.dap.session.Session;
import dev.trapdoor.dap.session.Stop;
import dev.trapdoor.dap.source.TargetStepper;
import dev.trapdoor.engine.binary.ByteReader;
import dev.trapdoor.engine.debug.DebugFrame;
import dev.trapdoor.engine.dwarf.OffsetRange;
import dev.trapdoor.engine.instr.Instruction;
import dev.trapdoor.engine.instr.InstructionReader;
import dev.trapdoor.engine.instr.Opcode;
import dev.trapdoor.engine.model.WasmModule;
import org.eclipse.lsp4j.debug.StepInTarget;
import org.eclipse.lsp4j.debug.StepInTargetsResponse;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * stepInTargets and {@code stepIn} with a target: the functions the current line calls directly (its {@code call}
 * instructions, in order, each callee once; imports, which have no code to stop in, and {@code call_indirect}s,
 * whose callee is known only when they run, are not offered). A target's id is the callee's function index.
 */
public final class StepInTargetsHandler {
    private final Session session;

    public StepInTargetsHandler(Session session) {
        this.session = session;
    }

    public StepInTargetsResponse targets(int frameId) {
        Stop stop = session.stop();
        Stop.FrameRef ref = stop.frame(frameId);
        if (ref.wasmIndex() != 0 || ref.inlineDepth() > 0) {
            throw Failures.failure("stepInTargets: only the innermost frame steps in; select it first");
        }
        Program program = session.program();
        List<StepInTarget> out = new ArrayList<>();
        for (int callee : callees(program, stop.frames().get(0))) {
            StepInTarget t = new StepInTarget();
            t.setId(callee);
            t.setLabel(program.instance().functionName(callee));
            out.add(t);
        }
        StepInTargetsResponse r = new StepInTargetsResponse();
        r.setTargets(out.toArray(new StepInTarget[0]));
        return r;
    }

    /** stepIn with a {@code targetId}: into that callee of the current line. */
    public void stepInto(int targetId) {
        Stop stop = session.stop();
        Program program = session.program();
        if (stop.frames().isEmpty() || !callees(program, stop.frames().get(0)).contains(targetId)) {
            throw Failures.failure("stepIn: target " + targetId + " is not a function the current line calls");
        }
        session.resume(new TargetStepper(program.sourceMap(), targetId));
    }

    private static Set<Integer> callees(Program program, DebugFrame top) {
        WasmModule module = program.instance().module();
        Set<Integer> out = new LinkedHashSet<>();
        for (OffsetRange r : program.sourceMap().lineRanges(top.moduleOffset())) {
            ByteReader reader = new ByteReader(module.bytes(), r.startModuleOffset(), r.endModuleOffset());
            while (reader.pos() < r.endModuleOffset()) {
                Instruction ins = InstructionReader.read(reader);
                if (ins.opcode() == Opcode.CALL && ins.immediate(0) >= module.importedFunctionCount()) {
                    out.add((int) ins.immediate(0));
                }
            }
        }
        return out;
    }
}
