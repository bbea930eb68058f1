package dev.trapdoor.dap.handler;

import dev.trapdoor.dap.adapt.InstructionReferences;
import dev.trapdoor.dap.session.Failures;
import dev.trapdoor.dap.session.Program;
import dev.trapdoor.dap.session.RunState;
import dev.trapdoor.dap.session.Session;
import dev.trapdoor.dap.source.DisassemblyIndex;
import dev.trapdoor.dap.source.SourceLocator;
import dev.trapdoor.engine.dwarf.SourceLocation;
import dev.trapdoor.engine.names.Demangle;
import org.eclipse.lsp4j.debug.DisassembleArguments;
import org.eclipse.lsp4j.debug.DisassembleResponse;
import org.eclipse.lsp4j.debug.DisassembledInstruction;
import org.eclipse.lsp4j.debug.DisassembledInstructionPresentationHint;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * disassemble: WAT-like text per instruction with {@code 0x<moduleOffset>} addresses. Exactly
 * {@code instructionCount} items come back, as VS Code requires: positions before the first or after the last
 * instruction are padded with {@code invalid} entries. The first instruction of each source line carries its
 * location; the first of each function carries the function's name as its symbol. The count is capped at what the
 * module holds plus {@link #MAX_PADDING}, and at {@link #MAX_INSTRUCTIONS}: a client asking for 10^6 or 2^31-1
 * items must not block the session or exhaust memory. An empty reference (VS Code's Disassembly view, left open from
 * an earlier session, asks with {@code ''} before anything has stopped) means where the program is stopped, or its
 * first instruction.
 */
public final class DisassembleHandler {
    /** More padding than any view shows around a module's first or last instruction (VS Code pages by 50). */
    static final int MAX_PADDING = 256;
    /** Per request; VS Code asks for a few hundred at a time. 10,000 answer in well under a second. */
    static final int MAX_INSTRUCTIONS = 10_000;

    private final Session session;

    public DisassembleHandler(Session session) {
        this.session = session;
    }

    public DisassembleResponse disassemble(DisassembleArguments args) {
        Program program = session.program();
        int base;
        try {
            base = origin(args.getMemoryReference(), program) + (args.getOffset() == null ? 0 : args.getOffset());
        } catch (IllegalArgumentException e) {
            throw Failures.badArguments("disassemble: " + e.getMessage());
        }
        DisassemblyIndex index = program.disassembly();
        List<DisassemblyIndex.Instruction> all = index.all();
        int count = (int) Math.min(Math.min(Math.max(0, args.getInstructionCount()), (long) all.size() + MAX_PADDING),
                MAX_INSTRUCTIONS);
        int anchor = index.indexAtOrBefore(base);
        if (anchor < 0) {
            anchor = base < 0 || all.isEmpty() ? -1 : 0;
        }
        long first = (long) anchor + (args.getInstructionOffset() == null ? 0 : args.getInstructionOffset());
        DisassembledInstruction[] out = new DisassembledInstruction[count];
        byte[] moduleBytes = program.instance().module().bytes();
        InstructionReferences references = program.references();
        dev.trapdoor.engine.dwarf.SourceMap sourceMap = program.sourceMap();
        String lastLine = null;
        int lastFunction = -1;
        for (int k = 0; k < count; k++) {
            long at = first + k;
            if (at < 0 || at >= all.size()) {
                out[k] = padding(all, at, references);
                lastLine = null;
                continue;
            }
            int i = (int) at;
            DisassemblyIndex.Instruction in = all.get(i);
            DisassembledInstruction d = new DisassembledInstruction();
            d.setAddress(references.format(in.moduleOffset()));
            d.setInstruction(in.text());
            d.setInstructionBytes(HexFormat.of().withDelimiter(" ").formatHex(moduleBytes,
                    in.moduleOffset(), in.moduleOffset() + in.length()));
            if (in.funcIndex() != lastFunction && (i == 0 || all.get(i - 1).funcIndex() != in.funcIndex())) {
                d.setSymbol(Demangle.demangle(program.instance().functionName(in.funcIndex())));
            }
            lastFunction = in.funcIndex();
            Optional<SourceLocation> loc = sourceMap.locate(in.moduleOffset());
            String key = loc.filter(l -> l.line() > 0).map(l -> l.file() + ":" + l.line()).orElse(null);
            if (key != null && !key.equals(lastLine)) {
                Optional<Path> file = program.sources().localFile(loc.get().file());
                if (file.isPresent()) {
                    d.setLocation(SourceLocator.fileSource(file.get()));
                    d.setLine(loc.get().line());
                    d.setColumn(Math.max(1, loc.get().column()));
                }
            }
            lastLine = key;
            out[k] = d;
        }
        DisassembleResponse r = new DisassembleResponse();
        r.setInstructions(out);
        return r;
    }

    private int origin(String reference, Program program) {
        if (reference != null && !reference.isBlank()) {
            return program.references().parse(reference);
        }
        if (session.state() == RunState.STOPPED) {
            try {
                return session.stop().frames().get(0).moduleOffset();
            } catch (RuntimeException resumedMeanwhile) {
                // fall through to the first instruction
            }
        }
        List<DisassemblyIndex.Instruction> all = program.disassembly().all();
        return all.isEmpty() ? 0 : all.get(0).moduleOffset();
    }

    /** An invalid entry with an address that does not collide with real ones: before the first, after the last. */
    private static DisassembledInstruction padding(List<DisassemblyIndex.Instruction> all, long i,
                                                   InstructionReferences references) {
        long address;
        if (all.isEmpty()) {
            address = Math.max(0, i);
        } else if (i < 0) {
            address = Math.max(0, all.get(0).moduleOffset() + i);
        } else {
            DisassemblyIndex.Instruction last = all.get(all.size() - 1);
            address = last.moduleOffset() + last.length() + (i - all.size());
        }
        DisassembledInstruction d = new DisassembledInstruction();
        d.setAddress(references.format((int) Math.min(address, Integer.MAX_VALUE)));
        d.setInstruction("(no instruction)");
        d.setPresentationHint(DisassembledInstructionPresentationHint.INVALID);
        return d;
    }
}
