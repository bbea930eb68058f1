package dev.trapdoor.dap.source;

import dev.trapdoor.engine.instr.Disassembler;
import dev.trapdoor.engine.model.FunctionBody;
import dev.trapdoor.engine.model.WasmModule;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Every instruction of a module's defined functions in module-offset order, for the disassembly view and the "Wasm
 * disassembly" sources. Each function is disassembled on first use, and the whole list only when a request needs
 * it (a large module has a few hundred thousand instructions): a stop, a step and a stack trace look at a few
 * functions, and 50 sessions each formatting every instruction of their module was most of a load run's garbage.
 */
public final class DisassemblyIndex {
    /** One instruction: where it is, how many bytes, its WAT-like text, and the function holding it. */
    public record Instruction(int moduleOffset, int length, String text, int funcIndex) {
    }

    /**
     * Whether a function already disassembled is read without the index's lock ({@code
     * -Dtrapdoor.dap.lockFreeDisassembly=false}: every read takes it, as before). The index is shared by a program's
     * sessions, and every step asks it (is the stop on a host call?): at a fresh server's first step 50 sessions
     * queued on the lock for lists that were long built (benchmarks/RESULTS.md, sessions 25 and 28). Not final, so
     * that tests can run both ways.
     */
    static boolean lockFree = !"false".equals(System.getProperty("trapdoor.dap.lockFreeDisassembly"));

    private final WasmModule module;
    /**
     * Per defined function, its instructions once disassembled; made and written under the lock, read without it.
     * Made at the first request rather than here: the constructor asks the module nothing.
     */
    private volatile AtomicReferenceArray<List<Instruction>> functions;
    private List<Instruction> all;
    private int[] offsets;

    public DisassemblyIndex(WasmModule module) {
        this.module = module;
    }

    public synchronized List<Instruction> all() {
        if (all == null) {
            List<Instruction> list = new ArrayList<>();
            for (int i = 0; i < module.bodies().size(); i++) {
                list.addAll(function(module.importedFunctionCount() + i));
            }
            all = Collections.unmodifiableList(list);
            offsets = list.stream().mapToInt(Instruction::moduleOffset).toArray();
        }
        return all;
    }

    /** Whether the whole list has been built (tests: a step must not build it). */
    synchronized boolean built() {
        return all != null;
    }

    /** The instructions of defined function {@code funcIndex}: one list per function, whoever asks first. */
    public List<Instruction> function(int funcIndex) {
        int i = funcIndex - module.importedFunctionCount();
        if (i < 0 || i >= module.bodies().size()) {
            return List.of();
        }
        AtomicReferenceArray<List<Instruction>> made = lockFree ? functions : null;
        List<Instruction> done = made != null ? made.get(i) : null;
        return done != null ? done : disassembled(i, funcIndex);
    }

    private synchronized List<Instruction> disassembled(int i, int funcIndex) {
        if (functions == null) {
            functions = new AtomicReferenceArray<>(module.bodies().size());
        }
        List<Instruction> done = functions.get(i);
        if (done == null) {
            done = Collections.unmodifiableList(disassemble(funcIndex));
            functions.set(i, done);
        }
        return done;
    }

    private List<Instruction> disassemble(int funcIndex) {
        FunctionBody body = module.body(funcIndex);
        List<String> lines;
        try {
            lines = Disassembler.disassemble(module, funcIndex);
        } catch (RuntimeException malformed) {
            return List.of(); // a body that does not decode shows no instructions rather than failing the view
        }
        List<Instruction> list = new ArrayList<>(lines.size());
        for (int k = 0; k < lines.size(); k++) {
            String line = lines.get(k);
            int colon = line.indexOf(": ");
            int offset = Integer.parseInt(line.substring(2, colon), 16);
            int next = k + 1 < lines.size() ? Integer.parseInt(lines.get(k + 1).substring(2,
                    lines.get(k + 1).indexOf(": ")), 16) : body.endOffset();
            list.add(new Instruction(offset, next - offset, line.substring(colon + 2), funcIndex));
        }
        return list;
    }

    /**
     * The text of the instruction starting at {@code moduleOffset}, or {@code null} when none starts there. Every step
     * asks this (is the stop on a host call?), from the function holding the offset alone.
     */
    public String textAt(int moduleOffset) {
        int funcIndex = functionAt(moduleOffset);
        if (funcIndex < 0) {
            return null;
        }
        List<Instruction> in = function(funcIndex); // in offset order
        int lo = 0;
        int hi = in.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int at = in.get(mid).moduleOffset();
            if (at == moduleOffset) {
                return in.get(mid).text();
            } else if (at < moduleOffset) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return null;
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

    /** The defined function whose body holds a module offset, or -1. */
    public int functionAt(int moduleOffset) {
        List<FunctionBody> bodies = module.bodies();
        int lo = 0;
        int hi = bodies.size() - 1;
        while (lo <= hi) { // bodies are in module-offset order
            int mid = (lo + hi) >>> 1;
            FunctionBody b = bodies.get(mid);
            if (moduleOffset < b.entryOffset()) {
                hi = mid - 1;
            } else if (moduleOffset >= b.endOffset()) {
                lo = mid + 1;
            } else {
                return module.importedFunctionCount() + mid;
            }
        }
        return -1;
    }
}
