package dev.trapdoor.dap.adapt;

import dev.trapdoor.engine.debug.DebugFrame;
import dev.trapdoor.engine.exec.GlobalInstance;
import dev.trapdoor.engine.exec.MemoryInstance;
import dev.trapdoor.engine.model.ValType;

/** Something a debugger can read and write: a local, an operand-stack slot, a global, or a cell of memory. */
public interface Location {
    ValType type();

    WasmValue read();

    /** Stores a value already converted to {@link #type()}'s slot representation. */
    void write(long slot);

    /** The expression that names this location again ({@code evaluateName}). */
    String expression();

    static Location local(DebugFrame frame, int index) {
        if (index < 0 || index >= frame.localCount()) {
            throw new EvalException("local " + index + " does not exist (the frame has " + frame.localCount() + ")");
        }
        return new Location() {
            public ValType type() {
                return frame.localType(index);
            }

            public WasmValue read() {
                return new WasmValue(type(), frame.local(index));
            }

            public void write(long slot) {
                frame.setLocal(index, slot);
            }

            public String expression() {
                String name = frame.localName(index);
                return name != null && WasmExpression.isIdentifier(name) ? "$" + name : "$" + index;
            }
        };
    }

    static Location stack(DebugFrame frame, int index) {
        if (index < 0 || index >= frame.stackHeight()) {
            throw new EvalException("operand stack slot " + index + " does not exist (height "
                    + frame.stackHeight() + ")");
        }
        return new Location() {
            public ValType type() {
                return frame.stackType(index);
            }

            public WasmValue read() {
                return new WasmValue(type(), frame.stack(index));
            }

            public void write(long slot) {
                frame.setStack(index, slot);
            }

            public String expression() {
                return "stack[" + index + "]";
            }
        };
    }

    static Location global(GlobalInstance global, int index) {
        return new Location() {
            public ValType type() {
                return global.type().type();
            }

            public WasmValue read() {
                return new WasmValue(type(), global.get());
            }

            public void write(long slot) {
                global.set(slot);
            }

            public String expression() {
                return "global[" + index + "]";
            }
        };
    }

    /** A little-endian cell of {@code width} bytes; {@code type} says how to read it (i32 for 1, 2 and 4 bytes). */
    static Location memory(MemoryInstance memory, long address, int width, ValType type, String prefix) {
        if (memory == null) {
            throw new EvalException("the module has no memory");
        }
        if (!memory.inBounds(address, width)) {
            throw new EvalException(String.format("address 0x%x (%d bytes) is outside memory (size %d)", address,
                    width, memory.byteSize()));
        }
        return new Location() {
            public ValType type() {
                return type;
            }

            public WasmValue read() {
                long v = switch (width) {
                    case 1 -> memory.readByte(address) & 0xFF;
                    case 2 -> memory.readShort(address) & 0xFFFF;
                    case 4 -> type == ValType.F32 ? memory.readInt(address) & 0xFFFF_FFFFL : memory.readInt(address);
                    default -> memory.readLong(address);
                };
                return new WasmValue(type, v);
            }

            public void write(long slot) {
                switch (width) {
                    case 1 -> memory.writeByte(address, (byte) slot);
                    case 2 -> memory.writeShort(address, (short) slot);
                    case 4 -> memory.writeInt(address, (int) slot);
                    default -> memory.writeLong(address, slot);
                }
            }

            public String expression() {
                return String.format("%s[0x%x]", prefix, address);
            }
        };
    }
}
