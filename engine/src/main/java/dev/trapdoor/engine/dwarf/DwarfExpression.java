package dev.trapdoor.engine.dwarf;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Evaluates a DWARF location expression (DWARF 5, section 2.5 and 2.6) to a {@link Place}. Covers what C compilers
 * emit for WebAssembly: literals and constants, stack and arithmetic operations, branches, {@code DW_OP_addr(x)},
 * {@code DW_OP_fbreg}, {@code DW_OP_deref(_size)}, {@code DW_OP_stack_value}, {@code DW_OP_implicit_value},
 * {@code DW_OP_piece} and {@code DW_OP_WASM_location}. Register operations ({@code DW_OP_reg*}, {@code DW_OP_breg*})
 * name native registers, which Wasm has none of, and entry values need the caller's state; expressions using them
 * give an unavailable place, never a guess.
 *
 * <p>{@code DW_OP_WASM_location} pushes the slot's value, as LLDB and clang agree: {@code WASM_location 0 N,
 * stack_value} is "the value is in local N" (so it can be written back there), and {@code WASM_location 0 N,
 * plus_uconst 12} is "in memory at local N + 12".
 */
final class DwarfExpression {
    /** Bounds the work of a damaged or looping expression (backward branches). */
    private static final int MAX_STEPS = 10_000;
    private static final long ADDRESS_MASK = 0xFFFF_FFFFL;

    private final CompileUnit unit;
    private final MachineState state;
    private final LongSupplier frameBase;

    /**
     * @param frameBase the value {@code DW_OP_fbreg} adds to; asked only when the expression uses it, and may throw
     *                  {@link IllegalStateException} when the frame base is unknown
     */
    DwarfExpression(CompileUnit unit, MachineState state, LongSupplier frameBase) {
        this.unit = unit;
        this.state = state;
        this.frameBase = frameBase;
    }

    /** Evaluates {@code length} bytes of expression at {@code offset} of {@code section}. */
    Place evaluate(DwarfSection section, long offset, long length) {
        if (length == 0) {
            return new Place.Unavailable("optimized out");
        }
        SectionReader r = section.reader(offset);
        r.limit(offset + length);
        try {
            return run(r, offset);
        } catch (IllegalStateException | IllegalArgumentException | ArithmeticException unknown) {
            return new Place.Unavailable(unknown.getMessage());
        } catch (DwarfFormatException damaged) {
            unit.context.warnings.add("damaged location expression: " + damaged.getMessage());
            return new Place.Unavailable("damaged location");
        }
    }

    private Place run(SectionReader r, long start) {
        List<Long> stack = new ArrayList<>();
        List<Place.Pieces.Piece> pieces = new ArrayList<>();
        // The slot whose value alone is on the stack, so that "slot, stack_value" can be written back to the slot.
        Place.Slot slotOnStack = null;
        Place result = null;
        int steps = 0;
        while (!r.atEnd()) {
            if (++steps > MAX_STEPS) {
                throw new IllegalStateException("location expression does not terminate");
            }
            int op = r.u8();
            Place.Slot pushedSlot = null;
            if (op >= DwOp.LIT0 && op <= DwOp.LIT31) {
                stack.add((long) (op - DwOp.LIT0));
            } else if (op >= 0x50 && op <= 0x92 && op != DwOp.FBREG) {
                // DW_OP_reg*, DW_OP_breg*, DW_OP_regx, DW_OP_bregx: native registers.
                throw new IllegalStateException("location uses a native register, which WebAssembly has none of");
            } else {
                switch (op) {
                    case DwOp.ADDR -> stack.add(linked(r.unsigned(unit.header.addressSize())));
                    case DwOp.ADDRX, DwOp.GNU_ADDR_INDEX -> stack.add(linked(unit.indexedAddress(r.uleb())));
                    case DwOp.CONSTX, DwOp.GNU_CONST_INDEX -> stack.add(unit.indexedAddress(r.uleb()));
                    case DwOp.CONST1U -> stack.add((long) r.u8());
                    case DwOp.CONST1S -> stack.add((long) (byte) r.u8());
                    case DwOp.CONST2U -> stack.add((long) r.u16());
                    case DwOp.CONST2S -> stack.add((long) (short) r.u16());
                    case DwOp.CONST4U -> stack.add(r.u32());
                    case DwOp.CONST4S -> stack.add((long) (int) r.u32());
                    case DwOp.CONST8U, DwOp.CONST8S -> stack.add(r.u64());
                    case DwOp.CONSTU -> stack.add(r.uleb());
                    case DwOp.CONSTS -> stack.add(r.sleb());
                    case DwOp.DUP -> stack.add(peek(stack, 0));
                    case DwOp.DROP -> pop(stack);
                    case DwOp.OVER -> stack.add(peek(stack, 1));
                    case DwOp.PICK -> stack.add(peek(stack, r.u8()));
                    case DwOp.SWAP -> {
                        long a = pop(stack);
                        long b = pop(stack);
                        stack.add(a);
                        stack.add(b);
                    }
                    case DwOp.ROT -> {
                        long a = pop(stack);
                        long b = pop(stack);
                        long c = pop(stack);
                        stack.add(a);
                        stack.add(c);
                        stack.add(b);
                    }
                    case DwOp.ABS -> stack.add(Math.abs(pop(stack)));
                    case DwOp.NEG -> stack.add(-pop(stack));
                    case DwOp.NOT -> stack.add(~pop(stack));
                    case DwOp.PLUS_UCONST -> stack.add(pop(stack) + r.uleb());
                    case DwOp.AND, DwOp.DIV, DwOp.MINUS, DwOp.MOD, DwOp.MUL, DwOp.OR, DwOp.PLUS, DwOp.SHL,
                         DwOp.SHR, DwOp.SHRA, DwOp.XOR, DwOp.EQ, DwOp.GE, DwOp.GT, DwOp.LE, DwOp.LT, DwOp.NE -> {
                        long b = pop(stack);
                        long a = pop(stack);
                        stack.add(binary(op, a, b));
                    }
                    case DwOp.SKIP -> jump(r, start, r.u16());
                    case DwOp.BRA -> {
                        int delta = r.u16();
                        if (pop(stack) != 0) {
                            jump(r, start, delta);
                        }
                    }
                    case DwOp.FBREG -> {
                        long offset = r.sleb();
                        stack.add(frameBase.getAsLong() + offset);
                    }
                    case DwOp.DEREF -> stack.add(load(pop(stack), unit.header.addressSize()));
                    case DwOp.DEREF_SIZE -> {
                        int size = r.u8();
                        stack.add(load(pop(stack), size));
                    }
                    case DwOp.NOP -> {
                    }
                    case DwOp.WASM_LOCATION -> {
                        int kind = r.u8();
                        long index = kind == DwOp.WASM_GLOBAL_U32 ? r.u32() : r.uleb();
                        if (kind > DwOp.WASM_GLOBAL_U32 || index > Integer.MAX_VALUE) {
                            throw new IllegalStateException("unknown DW_OP_WASM_location kind " + kind);
                        }
                        Place.Slot slot = new Place.Slot(kind == DwOp.WASM_GLOBAL_U32 ? DwOp.WASM_GLOBAL : kind,
                                (int) index);
                        byte[] bytes = slot.read(state, 0, 8);
                        if (bytes == null) {
                            throw new IllegalStateException("not available at this pc");
                        }
                        stack.add(slot.get(state));
                        pushedSlot = stack.size() == 1 ? slot : null;
                    }
                    case DwOp.STACK_VALUE -> {
                        result = slotOnStack != null ? slotOnStack : new Place.Bytes(Place.Bytes.of(peek(stack, 0)));
                        stack.clear();
                    }
                    case DwOp.IMPLICIT_VALUE -> {
                        long size = r.uleb();
                        byte[] bytes = new byte[(int) Math.min(size, 1 << 16)];
                        for (int i = 0; i < bytes.length; i++) {
                            bytes[i] = (byte) r.u8();
                        }
                        result = new Place.Bytes(bytes);
                    }
                    case DwOp.PIECE -> {
                        long size = r.uleb();
                        Place part = result != null ? result
                                : stack.isEmpty() ? new Place.Unavailable("optimized out")
                                : new Place.Memory(peek(stack, 0) & ADDRESS_MASK);
                        pieces.add(new Place.Pieces.Piece(part, (int) Math.min(size, 1 << 16)));
                        result = null;
                        stack.clear();
                    }
                    default -> throw new IllegalStateException(
                            "unsupported location operation 0x" + Integer.toHexString(op));
                }
            }
            slotOnStack = pushedSlot;
        }
        if (!pieces.isEmpty()) {
            return new Place.Pieces(List.copyOf(pieces));
        }
        if (result != null) {
            return result;
        }
        if (stack.isEmpty()) {
            return new Place.Unavailable("optimized out");
        }
        return new Place.Memory(peek(stack, 0) & ADDRESS_MASK);
    }

    /**
     * An address the linker resolved. wasm-ld writes the tombstone -1 (all ones in the address size) for an object it
     * dropped; the object is gone, which gdb and lldb show as "optimized out", not as an unreadable address.
     */
    private long linked(long address) {
        long tombstone = unit.header.addressSize() >= 8 ? -1L : (1L << (8 * unit.header.addressSize())) - 1;
        if (address == tombstone) {
            throw new IllegalStateException("optimized out");
        }
        return address;
    }

    private static long binary(int op, long a, long b) {
        return switch (op) {
            case DwOp.AND -> a & b;
            case DwOp.DIV -> a / b;
            case DwOp.MINUS -> a - b;
            case DwOp.MOD -> Long.remainderUnsigned(a, b);
            case DwOp.MUL -> a * b;
            case DwOp.OR -> a | b;
            case DwOp.PLUS -> a + b;
            case DwOp.SHL -> b >= 64 ? 0 : a << b;
            case DwOp.SHR -> b >= 64 ? 0 : a >>> b;
            case DwOp.SHRA -> a >> Math.min(b, 63);
            case DwOp.XOR -> a ^ b;
            case DwOp.EQ -> a == b ? 1 : 0;
            case DwOp.GE -> a >= b ? 1 : 0;
            case DwOp.GT -> a > b ? 1 : 0;
            case DwOp.LE -> a <= b ? 1 : 0;
            case DwOp.LT -> a < b ? 1 : 0;
            case DwOp.NE -> a != b ? 1 : 0;
            default -> throw new IllegalStateException("not a binary operation: " + op);
        };
    }

    private static void jump(SectionReader r, long start, int rawDelta) {
        long target = r.pos() + (short) rawDelta;
        if (target < start || target > r.limit()) {
            throw new IllegalStateException("branch outside the location expression");
        }
        r.pos(target);
    }

    private long load(long address, int size) {
        if (size < 1 || size > 8) {
            throw new IllegalStateException("bad dereference size " + size);
        }
        byte[] bytes = state.readMemory(address & ADDRESS_MASK, size);
        if (bytes == null) {
            throw new IllegalStateException("cannot read memory at 0x" + Long.toHexString(address & ADDRESS_MASK));
        }
        long v = 0;
        for (int i = size - 1; i >= 0; i--) {
            v = v << 8 | (bytes[i] & 0xFF);
        }
        return v;
    }

    private static long pop(List<Long> stack) {
        if (stack.isEmpty()) {
            throw new IllegalStateException("location expression pops an empty stack");
        }
        return stack.remove(stack.size() - 1);
    }

    private static long peek(List<Long> stack, int depth) {
        if (depth >= stack.size()) {
            throw new IllegalStateException("location expression reads past its stack");
        }
        return stack.get(stack.size() - 1 - depth);
    }
}
