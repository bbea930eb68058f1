package dev.trapdoor.dap.adapt;

/**
 * Code addresses as the disassembly and the {@code pc} variable show them: {@code 0x} and the module offset in hex
 * (what trap reports print too). References a client hands back are {@link InstructionReferences}.
 */
public final class CodeAddress {
    private CodeAddress() {
    }

    public static String format(int moduleOffset) {
        // Not String.format: every frame of every stack trace passes here (as %x does, negatives in two's complement).
        return "0x" + Integer.toHexString(moduleOffset);
    }
}
