package dev.trapdoor.dap.adapt;

import java.util.zip.CRC32;

/**
 * One program's instruction references: {@code 0x} and a 64-bit number whose high half tags the module (16 bits of
 * its bytes' CRC-32, never 0) and whose low half is the module offset. VS Code keeps instruction breakpoints across
 * sessions and sends every one of them to every session; with bare module offsets, a breakpoint set in one program's
 * disassembly stopped another program (or a rebuild of the same one) at whatever instruction sat at that offset. A
 * tagged reference from another module is refused instead. LLDB's Wasm addresses carry a module id in their high
 * bits in the same way. The disassembly's addresses are these references too, so that a client may find a frame's
 * instruction by comparing its reference with the addresses; the low eight hex digits are the offset traps print.
 *
 * <p>A reference without a tag (a bare offset, as a person types one) is taken as this program's.
 */
public final class InstructionReferences {
    private final long tag;

    private InstructionReferences(long tag) {
        this.tag = tag;
    }

    /** The references of the module with these bytes. */
    public static InstructionReferences of(byte[] moduleBytes) {
        CRC32 crc = new CRC32();
        crc.update(moduleBytes);
        return new InstructionReferences(crc.getValue() % 0xffff + 1);
    }

    /** With an explicit tag (1 to 0xffff), for tests that stand in for a module. */
    public static InstructionReferences tagged(int tag) {
        if (tag < 1 || tag > 0xffff) {
            throw new IllegalArgumentException("tag " + tag);
        }
        return new InstructionReferences(tag);
    }

    public String format(int moduleOffset) {
        return "0x" + Long.toHexString(tag << 32 | (moduleOffset & 0xffffffffL));
    }

    /** @throws IllegalArgumentException with a message meant for a person */
    public int parse(String text) {
        long v;
        try {
            v = WasmValues.parseInteger(text == null ? "" : text.trim());
        } catch (NumberFormatException e) {
            v = -1;
        }
        long offset = v & 0xffffffffL;
        long of = v >>> 32;
        if (v < 0 || offset > Integer.MAX_VALUE || of > 0xffff) {
            throw new IllegalArgumentException("'" + text + "' is not an instruction reference (expected 0x and a"
                    + " module offset)");
        }
        if (of != 0 && of != tag) {
            throw new IllegalArgumentException("instruction reference " + text + " was made for another program"
                    + " (module tag 0x" + Long.toHexString(of) + "; this program's is 0x" + Long.toHexString(tag)
                    + "): its offset 0x" + Long.toHexString(offset) + " means nothing here");
        }
        return (int) offset;
    }
}
