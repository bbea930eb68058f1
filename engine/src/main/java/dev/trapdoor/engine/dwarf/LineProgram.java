package dev.trapdoor.engine.dwarf;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs one line-number program (DWARF 5, section 6.2) and hands each finished sequence to a {@link LineTableBuilder}.
 * max_ops_per_inst is taken as 1: WebAssembly is not VLIW, so op_index is always 0.
 */
final class LineProgram {
    private final LineProgramHeader header;
    private final LineTableBuilder out;
    private final List<String> files;

    // The state machine's registers (section 6.2.2).
    private long address;
    private int file;
    private long line;
    private int column;
    private boolean isStmt;

    private LineProgram(LineProgramHeader header, LineTableBuilder out) {
        this.header = header;
        this.out = out;
        this.files = new ArrayList<>(header.files());
        reset();
    }

    static void run(SectionReader r, LineProgramHeader header, LineTableBuilder out) {
        out.beginProgram(header);
        new LineProgram(header, out).execute(r);
    }

    private void reset() {
        address = 0;
        file = 1;
        line = 1;
        column = 0;
        isStmt = header.defaultIsStmt();
    }

    private void emit(boolean endSequence) {
        out.row(address, (int) Math.max(0, Math.min(Integer.MAX_VALUE, line)), column, file, isStmt, endSequence);
    }

    private void execute(SectionReader r) {
        r.pos(header.programStart());
        while (!r.atEnd()) {
            int opcode = r.u8();
            if (opcode >= header.opcodeBase()) {
                int adjusted = opcode - header.opcodeBase();
                advance(adjusted / header.lineRange());
                line += header.lineBase() + adjusted % header.lineRange();
                emit(false);
            } else if (opcode == 0) {
                extended(r);
            } else {
                standard(r, opcode);
            }
        }
        out.endProgram();
    }

    private void advance(long operationAdvance) {
        address += header.minInstLength() * operationAdvance;
    }

    private void standard(SectionReader r, int opcode) {
        switch (opcode) {
            case DwLine.LNS_COPY -> emit(false);
            case DwLine.LNS_ADVANCE_PC -> advance(r.uleb());
            case DwLine.LNS_ADVANCE_LINE -> line += r.sleb();
            case DwLine.LNS_SET_FILE -> file = r.ulebInt();
            case DwLine.LNS_SET_COLUMN -> column = (int) Math.min(Integer.MAX_VALUE, r.uleb());
            case DwLine.LNS_NEGATE_STMT -> isStmt = !isStmt;
            case DwLine.LNS_CONST_ADD_PC -> advance((255 - header.opcodeBase()) / header.lineRange());
            case DwLine.LNS_FIXED_ADVANCE_PC -> address += r.u16();
            case DwLine.LNS_SET_BASIC_BLOCK, DwLine.LNS_SET_PROLOGUE_END, DwLine.LNS_SET_EPILOGUE_BEGIN -> {
                // Flags a debugger could use to skip prologues; rows do not carry them yet.
            }
            default -> {
                // Unknown standard opcodes (including set_isa) are skipped by the operand count the header gives.
                for (int i = 0; i < header.standardOpcodeLengths()[opcode]; i++) {
                    r.uleb();
                }
            }
        }
    }

    private void extended(SectionReader r) {
        long length = r.uleb();
        if (length == 0) {
            return;
        }
        long end = r.pos() + length;
        if (length > r.limit() - r.pos()) {
            throw r.fail("extended opcode runs past the program");
        }
        int sub = r.u8();
        switch (sub) {
            case DwLine.LNE_END_SEQUENCE -> {
                emit(true);
                reset();
            }
            case DwLine.LNE_SET_ADDRESS -> {
                int size = (int) (length - 1);
                address = size == 4 || size == 8 ? r.unsigned(size) : -1;
            }
            case DwLine.LNE_DEFINE_FILE -> {
                String name = r.cString();
                out.defineFile(LineProgramHeader.v4File(r, name, header.directories()));
            }
            default -> {
                // set_discriminator and vendor opcodes: nothing a source mapping needs.
            }
        }
        r.pos(end);
    }
}
