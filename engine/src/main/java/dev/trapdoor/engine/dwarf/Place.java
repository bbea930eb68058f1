package dev.trapdoor.engine.dwarf;

import java.util.List;

/**
 * Where a value lives, as a location expression says: in linear memory, in a Wasm local, global or operand stack
 * slot, nowhere but in the expression itself (a computed or implicit value), in pieces, or nowhere at this pc. Reads
 * and writes go through a {@link MachineState}; they return null or throw {@link IllegalArgumentException} when the
 * bytes cannot be read or written, with a reason for a person.
 */
sealed interface Place {
    /** {@code length} bytes from {@code offset} within the value, or null when they cannot be read. */
    byte[] read(MachineState state, int offset, int length);

    /** Overwrites bytes at {@code offset} within the value. */
    void write(MachineState state, int offset, byte[] bytes);

    /** The part of this place {@code offset} bytes in, e.g. a member's; memory stays memory, the rest are copies. */
    default Place at(MachineState state, int offset, int length) {
        byte[] bytes = read(state, offset, length);
        return bytes == null ? new Unavailable("cannot read the value") : new Bytes(bytes);
    }

    record Memory(long address) implements Place {
        @Override
        public byte[] read(MachineState state, int offset, int length) {
            return state.readMemory(address + offset, length);
        }

        @Override
        public void write(MachineState state, int offset, byte[] bytes) {
            if (state.readMemory(address + offset, bytes.length) == null) {
                throw new IllegalArgumentException("cannot write memory at 0x" + Long.toHexString(address + offset));
            }
            state.writeMemory(address + offset, bytes);
        }

        @Override
        public Place at(MachineState state, int offset, int length) {
            return new Memory(address + offset);
        }
    }

    /** A Wasm local, global or operand-stack slot ({@code DW_OP_WASM_location} kinds 0, 1/3 and 2). */
    record Slot(int kind, int index) implements Place {
        long get(MachineState state) {
            return switch (kind) {
                case DwOp.WASM_LOCAL -> state.local(index);
                case DwOp.WASM_OPERAND -> {
                    if (index >= state.operandCount()) {
                        throw new IllegalArgumentException("operand stack entry " + index + " does not exist");
                    }
                    yield state.operand(index);
                }
                default -> state.global(index);
            };
        }

        /** The high 8 bytes of a v128 slot (0 for the other types). */
        long high(MachineState state) {
            return switch (kind) {
                case DwOp.WASM_LOCAL -> state.localHigh(index);
                case DwOp.WASM_OPERAND -> state.operandHigh(index);
                default -> state.globalHigh(index);
            };
        }

        /** The slot's 16 bytes: a v128's, or a scalar's 8 followed by zeros. */
        private byte[] bytes16(MachineState state) {
            byte[] out = new byte[16];
            System.arraycopy(Bytes.of(get(state)), 0, out, 0, 8);
            System.arraycopy(Bytes.of(high(state)), 0, out, 8, 8);
            return out;
        }

        @Override
        public byte[] read(MachineState state, int offset, int length) {
            if (kind == DwOp.WASM_OPERAND && index >= state.operandCount()) {
                return null;
            }
            return Bytes.slice(offset + length > 8 ? bytes16(state) : Bytes.of(get(state)), offset, length);
        }

        @Override
        public void write(MachineState state, int offset, byte[] bytes) {
            if (offset + bytes.length > 8 && offset + bytes.length <= 16 && kind == DwOp.WASM_LOCAL) {
                // A vector in a v128 local: both halves.
                byte[] all = bytes16(state);
                System.arraycopy(bytes, 0, all, offset, bytes.length);
                state.setLocalV128(index, Bytes.toLong(all, 0), Bytes.toLong(all, 8));
                return;
            }
            byte[] slot = Bytes.of(get(state));
            if (offset + bytes.length > slot.length) {
                throw new IllegalArgumentException("value does not fit its Wasm slot");
            }
            System.arraycopy(bytes, 0, slot, offset, bytes.length);
            long value = 0;
            for (int i = 7; i >= 0; i--) {
                value = value << 8 | (slot[i] & 0xFF);
            }
            // A 4-byte (or smaller) value goes into an i32 or f32 slot: sign-extend as the engine keeps i32 slots;
            // the adapter normalizes by the slot's real type.
            if (offset + bytes.length <= 4) {
                value = (int) value;
            }
            switch (kind) {
                case DwOp.WASM_LOCAL -> state.setLocal(index, value);
                case DwOp.WASM_OPERAND -> throw new IllegalArgumentException(
                        "the value is on the Wasm operand stack; cannot write it");
                default -> state.setGlobal(index, value);
            }
        }
    }

    /** A value that exists only in the debug info or was computed by it (DW_OP_stack_value, implicit values). */
    record Bytes(byte[] bytes) implements Place {
        static byte[] of(long value) {
            byte[] b = new byte[8];
            for (int i = 0; i < 8; i++) {
                b[i] = (byte) (value >>> (8 * i));
            }
            return b;
        }

        /** The little-endian long at {@code at} in {@code b}. */
        static long toLong(byte[] b, int at) {
            long v = 0;
            for (int i = 7; i >= 0; i--) {
                v = v << 8 | (b[at + i] & 0xFF);
            }
            return v;
        }

        /** Bytes {@code [offset, offset + length)} of {@code from}, zero-filled past its end. */
        static byte[] slice(byte[] from, int offset, int length) {
            byte[] out = new byte[length];
            if (offset < from.length) {
                System.arraycopy(from, offset, out, 0, Math.min(length, from.length - offset));
            }
            return out;
        }

        @Override
        public byte[] read(MachineState state, int offset, int length) {
            return slice(bytes, offset, length);
        }

        @Override
        public void write(MachineState state, int offset, byte[] bytes) {
            throw new IllegalArgumentException("the value is computed by the debug info, not stored; cannot write it");
        }
    }

    /** Parts in different places (DW_OP_piece), in order; a part whose place is unavailable makes reads fail. */
    record Pieces(List<Piece> pieces) implements Place {
        record Piece(Place place, int size) {
        }

        @Override
        public byte[] read(MachineState state, int offset, int length) {
            int total = pieces.stream().mapToInt(Piece::size).sum();
            byte[] all = new byte[total];
            int at = 0;
            for (Piece piece : pieces) {
                byte[] part = piece.place().read(state, 0, piece.size());
                if (part == null) {
                    return null;
                }
                System.arraycopy(part, 0, all, at, piece.size());
                at += piece.size();
            }
            return Bytes.slice(all, offset, length);
        }

        @Override
        public void write(MachineState state, int offset, byte[] bytes) {
            throw new IllegalArgumentException("the value is split into pieces; cannot write it");
        }
    }

    record Unavailable(String reason) implements Place {
        @Override
        public byte[] read(MachineState state, int offset, int length) {
            return null;
        }

        @Override
        public void write(MachineState state, int offset, byte[] bytes) {
            throw new IllegalArgumentException(reason);
        }
    }
}
