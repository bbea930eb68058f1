package dev.trapdoor.dap.adapt;

import dev.trapdoor.engine.debug.DebugFrame;
import dev.trapdoor.engine.exec.GlobalInstance;
import dev.trapdoor.engine.exec.Instance;
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

    /** Stores a whole v128 (only locations of that type). */
    default void writeV128(long low, long high) {
        throw new EvalException(expression() + " is a " + type() + ", not a v128");
    }

    /** Lane {@code lane} of this v128 location, viewed as {@code shape} ({@code $3.i32x4[2]}). */
    static Location lane(Location vector, String shape, int lane) {
        if (vector.type() != ValType.V128) {
            throw new EvalException(vector.expression() + " is a " + vector.type() + ", not a v128: it has no lanes");
        }
        V128Values.lane(0, 0, shape, lane); // checks the lane index
        return new Location() {
            public ValType type() {
                return V128Values.laneType(shape);
            }

            public WasmValue read() {
                WasmValue v = vector.read();
                return new WasmValue(type(), V128Values.lane(v.slot(), v.high(), shape, lane));
            }

            public void write(long slot) {
                WasmValue v = vector.read();
                long[] changed = V128Values.withLane(v.slot(), v.high(), shape, lane, slot);
                vector.writeV128(changed[0], changed[1]);
            }

            public String expression() {
                return vector.expression() + "." + shape + "[" + lane + "]";
            }
        };
    }

    static Location local(DebugFrame frame, int index) {
        return local(frame, index, null);
    }

    /** With the frame's {@code instance} (may be null), whose declared types a reference written here must have. */
    static Location local(DebugFrame frame, int index, Instance instance) {
        if (index < 0 || index >= frame.localCount()) {
            throw new EvalException("local " + index + " does not exist (the frame has " + frame.localCount() + ")");
        }
        return new Location() {
            public ValType type() {
                return frame.localType(index);
            }

            public WasmValue read() {
                return new WasmValue(type(), frame.local(index), frame.localHigh(index));
            }

            public void write(long slot) {
                RefWrites.local(instance, frame, index, slot, expression());
                frame.setLocal(index, slot);
            }

            public void writeV128(long low, long high) {
                frame.setLocalV128(index, low, high);
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
                return new WasmValue(type(), frame.stack(index), frame.stackHigh(index));
            }

            public void write(long slot) {
                RefWrites.operand(frame, index, slot, expression());
                frame.setStack(index, slot);
            }

            public void writeV128(long low, long high) {
                try {
                    frame.setStackV128(index, low, high);
                } catch (IllegalStateException e) {
                    throw new EvalException(e.getMessage());
                }
            }

            public String expression() {
                return "stack[" + index + "]";
            }
        };
    }

    static Location global(GlobalInstance global, int index) {
        return global(global, index, null);
    }

    /** With the {@code instance} (may be null) whose module declares the global's type. */
    static Location global(GlobalInstance global, int index, Instance instance) {
        return new Location() {
            public ValType type() {
                return global.type().type();
            }

            public WasmValue read() {
                return new WasmValue(type(), global.get(), global.high());
            }

            public void write(long slot) {
                RefWrites.global(instance, index, slot, expression());
                global.set(slot);
            }

            public void writeV128(long low, long high) {
                global.setV128(low, high);
            }

            public String expression() {
                return "global[" + index + "]";
            }
        };
    }

    /** A little-endian cell of {@code width} bytes; {@code type} says how to read it (i32 for 1, 2 and 4 bytes). */
    /** A cell of {@code width} bytes; {@code prefix} is the expression up to the address ({@code mem32[1:}). */
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
                return prefix + "0x" + Long.toHexString(address) + "]";
            }
        };
    }
}
