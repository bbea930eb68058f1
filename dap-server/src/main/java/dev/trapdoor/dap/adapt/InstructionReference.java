package dev.trapdoor.dap.adapt;

/** Code addresses as DAP shows them: {@code 0x} and the module offset in hex (what trap reports print too). */
public final class InstructionReference {
    private InstructionReference() {
    }

    public static String format(int moduleOffset) {
        // Not String.format: every frame of every stack trace passes here (as %x does, negatives in two's complement).
        return "0x" + Integer.toHexString(moduleOffset);
    }

    /** @throws IllegalArgumentException with a message meant for a person */
    public static int parse(String text) {
        try {
            long v = WasmValues.parseInteger(text == null ? "" : text.trim());
            if (v < 0 || v > Integer.MAX_VALUE) {
                throw new NumberFormatException();
            }
            return (int) v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not an instruction reference (expected 0x and a"
                    + " module offset)");
        }
    }
}
