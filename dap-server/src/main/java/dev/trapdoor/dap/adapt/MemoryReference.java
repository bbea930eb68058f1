package dev.trapdoor.dap.adapt;

/**
 * A DAP memory reference into linear memory: {@code mem:<index>} (address 0 of that memory) or
 * {@code mem:<index>@0x<address>}. Plain numbers ({@code 0x1000}, {@code 4096}) are accepted as addresses in memory
 * 0, since people type them into VS Code's memory view.
 */
public record MemoryReference(int memoryIndex, long address) {
    public static MemoryReference of(long address) {
        return new MemoryReference(0, address);
    }

    /** @throws IllegalArgumentException with a message meant for a person */
    public static MemoryReference parse(String text) {
        String t = text == null ? "" : text.trim();
        try {
            if (t.startsWith("mem:")) {
                String rest = t.substring(4);
                int at = rest.indexOf('@');
                int index = Integer.parseInt(at < 0 ? rest : rest.substring(0, at));
                long address = at < 0 ? 0 : WasmValues.parseInteger(rest.substring(at + 1));
                return new MemoryReference(index, address);
            }
            return new MemoryReference(0, WasmValues.parseInteger(t));
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("'" + text + "' is not a memory reference (expected mem:0@0x1234 or"
                    + " an address)");
        }
    }

    public MemoryReference plus(long offset) {
        return new MemoryReference(memoryIndex, address + offset);
    }

    @Override
    public String toString() {
        // Not String.format: every variable with an address shows one, at every stop.
        return address == 0 ? "mem:" + memoryIndex : "mem:" + memoryIndex + "@0x" + Long.toHexString(address);
    }
}
