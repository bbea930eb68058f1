package dev.trapdoor.dap.source;

import dev.trapdoor.engine.binary.ByteReader;
import dev.trapdoor.engine.instr.Disassembler;
import dev.trapdoor.engine.instr.InstructionReader;
import dev.trapdoor.engine.instr.InstructionText;
import dev.trapdoor.engine.model.FunctionBody;
import dev.trapdoor.engine.model.WasmModule;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Every instruction of a module's defined functions in module-offset order, for the disassembly view and the "Wasm
 * disassembly" sources. Built on first use (a large module has a few hundred thousand instructions).
 */
public final class DisassemblyIndex {
    /** One instruction: where it is, how many bytes, its WAT-like text, and the function holding it. */
    public record Instruction(int moduleOffset, int length, String text, int funcIndex) {
    }

    private final WasmModule module;
    private List<Instruction> all;
    private int[] offsets;
    private int[] functionStart;

    public DisassemblyIndex(WasmModule module) {
        this.module = module;
    }

    public synchronized List<Instruction> all() {
        if (all == null) {
            build();
        }
        return all;
    }

    private void build() {
        List<Instruction> list = new ArrayList<>();
        int imported = module.importedFunctionCount();
        functionStart = new int[module.bodies().size() + 1];
        for (int i = 0; i < module.bodies().size(); i++) {
            functionStart[i] = list.size();
            FunctionBody body = module.body(imported + i);
            List<String> lines;
            try {
                lines = Disassembler.disassemble(module, imported + i);
            } catch (RuntimeException malformed) {
                continue; // a body that does not decode shows no instructions rather than failing the view
            }
            for (int k = 0; k < lines.size(); k++) {
                String line = lines.get(k);
                int colon = line.indexOf(": ");
                int offset = Integer.parseInt(line.substring(2, colon), 16);
                int next = k + 1 < lines.size() ? Integer.parseInt(lines.get(k + 1).substring(2,
                        lines.get(k + 1).indexOf(": ")), 16) : body.endOffset();
                list.add(new Instruction(offset, next - offset, line.substring(colon + 2), imported + i));
            }
        }
        functionStart[module.bodies().size()] = list.size();
        all = Collections.unmodifiableList(list);
        offsets = list.stream().mapToInt(Instruction::moduleOffset).toArray();
    }

    /** Index of the instruction containing {@code moduleOffset}, or of the last one before it; -1 before the first. */
    public int indexAtOrBefore(int moduleOffset) {
        all();
        int lo = 0;
        int hi = offsets.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (offsets[mid] <= moduleOffset) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    /**
     * The text of the instruction starting at {@code moduleOffset}, or {@code null} when none starts there. Every step
     * asks this (is the stop on a host call?), so until the whole index exists it decodes only the function holding
     * the offset: building the index for one lookup formats every instruction of the module, per session.
     */
    public String textAt(int moduleOffset) {
        synchronized (this) {
            if (all != null) {
                int at = indexAtOrBefore(moduleOffset);
                return at >= 0 && all.get(at).moduleOffset() == moduleOffset ? all.get(at).text() : null;
            }
        }
        int funcIndex = functionAt(moduleOffset);
        if (funcIndex < 0) {
            return null;
        }
        FunctionBody body = module.body(funcIndex);
        ByteReader r = new ByteReader(module.bytes(), body.bodyOffset(), body.endOffset());
        try {
            while (!r.atEnd() && r.pos() <= moduleOffset) {
                dev.trapdoor.engine.instr.Instruction in = InstructionReader.read(r);
                if (in.moduleOffset() == moduleOffset) {
                    return InstructionText.of(in);
                }
            }
        } catch (RuntimeException malformed) {
            return null; // as in the index: a body that does not decode shows no instructions
        }
        return null;
    }

    /** Whether the whole index has been built (tests: a step must not build it). */
    synchronized boolean built() {
        return all != null;
    }

    /** The instructions of defined function {@code funcIndex}. */
    public List<Instruction> function(int funcIndex) {
        all();
        int i = funcIndex - module.importedFunctionCount();
        if (i < 0 || i >= module.bodies().size()) {
            return List.of();
        }
        return all.subList(functionStart[i], functionStart[i + 1]);
    }

    /** The defined function whose body holds a module offset, or -1. */
    public int functionAt(int moduleOffset) {
        List<FunctionBody> bodies = module.bodies();
        for (int i = 0; i < bodies.size(); i++) {
            if (moduleOffset >= bodies.get(i).entryOffset() && moduleOffset < bodies.get(i).endOffset()) {
                return module.importedFunctionCount() + i;
            }
        }
        return -1;
    }
}
