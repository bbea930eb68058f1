package dev.trapdoor.dap.handler;

import dev.trapdoor.dap.session.Failures;
import dev.trapdoor.dap.session.Program;
import dev.trapdoor.dap.session.Session;
import dev.trapdoor.dap.source.GotoStepper;
import dev.trapdoor.engine.debug.DebugFrame;
import dev.trapdoor.engine.dwarf.BreakpointResolution;
import dev.trapdoor.engine.model.FunctionBody;
import dev.trapdoor.engine.model.WasmModule;
import org.eclipse.lsp4j.debug.GotoArguments;
import org.eclipse.lsp4j.debug.GotoTarget;
import org.eclipse.lsp4j.debug.GotoTargetsArguments;
import org.eclipse.lsp4j.debug.GotoTargetsResponse;

import java.util.ArrayList;
import java.util.List;

/**
 * gotoTargets and goto (set next statement) in the innermost frame's function: a line's statement starts that are
 * in the same block as the current instruction with an empty operand stack (the engine's
 * {@code Debugger.whyNotGoto}); a line with none is refused with the engine's reason. The function moves to its
 * exact translation first, where every instruction has a place to go to.
 */
public final class GotoHandler {
    private final Session session;

    public GotoHandler(Session session) {
        this.session = session;
    }

    public GotoTargetsResponse gotoTargets(GotoTargetsArguments args) {
        DebugFrame top = top("gotoTargets");
        Program program = session.program();
        int line = args.getLine();
        String path = args.getSource() == null ? null : args.getSource().getPath();
        if (path == null) {
            throw Failures.badArguments("gotoTargets: a source with a path is required");
        }
        program.debugger().translateExactly(program.instance(), top.funcIndex());
        BreakpointResolution res = program.sourceMap().resolve(path, line);
        FunctionBody body = body(program, top.funcIndex());
        List<GotoTarget> targets = new ArrayList<>();
        String why = "line " + line + " has no code in " + top.functionName();
        for (int offset : res.moduleOffsets()) {
            if (offset < body.bodyOffset() || offset >= body.endOffset()) {
                continue;
            }
            String no = program.debugger().whyNotGoto(offset);
            if (no != null) {
                why = no;
                continue;
            }
            GotoTarget t = new GotoTarget();
            t.setId(offset);
            t.setLabel("line " + line + " (0x" + Integer.toHexString(offset) + ")");
            t.setLine(line);
            t.setInstructionPointerReference(program.references().format(offset));
            targets.add(t);
        }
        if (targets.isEmpty()) {
            throw Failures.failure("gotoTargets: cannot set the next statement to line " + line + ": " + why);
        }
        GotoTargetsResponse r = new GotoTargetsResponse();
        r.setTargets(targets.toArray(new GotoTarget[0]));
        return r;
    }

    public void goto_(GotoArguments args) {
        top("goto");
        Program program = session.program();
        int offset = args.getTargetId();
        String why = program.debugger().whyNotGoto(offset);
        if (why != null) {
            throw Failures.failure("goto: " + why);
        }
        // The recorded future no longer follows once the frame moves: dropped before the engine runs again.
        var recording = program.debugger().recording();
        if (recording != null) {
            recording.diverged();
        }
        session.resume(new GotoStepper(offset));
    }

    private DebugFrame top(String command) {
        var frames = session.stop().frames();
        if (frames.isEmpty()) {
            throw Failures.failure(command + ": the program has no frame to move");
        }
        return frames.get(0);
    }

    private static FunctionBody body(Program program, int funcIndex) {
        WasmModule module = program.instance().module();
        return module.bodies().get(funcIndex - module.importedFunctionCount());
    }
}
