package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.instr.SimdOpcodes;
import dev.trapdoor.engine.trap.TrapDetail;
import dev.trapdoor.engine.trap.TrapKind;

import java.lang.invoke.VarHandle;

/**
 * The interpreter's second dispatch method: every SIMD instruction and the v128 forms of the generic moves, kept
 * out of {@link Interpreter}'s dispatch method and its byte budget. A v128 in frame slot {@code x} is the pair
 * {@code (stack[fp + x], hi[fp + x])}: the low half in the value stack, the high half at the same index of the
 * interpreter's parallel {@code hi} array (see ARCHITECTURE.md, "v128 slots"). Each method reads all its inputs before
 * it writes its destination, which {@code local.set} may have retargeted to an input.
 */
final class SimdOps {
    private static final VarHandle SHORT = MemoryInstance.SHORT;
    private static final VarHandle INT = MemoryInstance.INT;
    private static final VarHandle LONG = MemoryInstance.LONG;

    private SimdOps() {
    }

    /** Runs the instruction at {@code pc} (opcode {@code op} >= {@link Op#SIMD}); returns the next pc. */
    static int exec(Interpreter self, int op, int[] code, int pc, long[] s, int fp) {
        long[] h = self.hi;
        switch (op) {
            case Op.COPY_V -> {
                int d = fp + code[pc + 1];
                int x = fp + code[pc + 2];
                s[d] = s[x];
                h[d] = h[x];
                return pc + 3;
            }
            case Op.SELECT_V -> {
                if ((int) s[fp + code[pc + 3]] == 0) {
                    int d = fp + code[pc + 1];
                    int x = fp + code[pc + 2];
                    s[d] = s[x];
                    h[d] = h[x];
                }
                return pc + 4;
            }
            case Op.GLOBAL_GET_V -> {
                GlobalInstance g = self.instance().globals[code[pc + 2]];
                s[fp + code[pc + 1]] = g.value;
                h[fp + code[pc + 1]] = g.hi;
                return pc + 3;
            }
            case Op.GLOBAL_SET_V -> {
                GlobalInstance g = self.instance().globals[code[pc + 1]];
                g.value = s[fp + code[pc + 2]];
                g.hi = h[fp + code[pc + 2]];
                return pc + 3;
            }
            case Op.ZERO_HI -> {
                java.util.Arrays.fill(h, fp + code[pc + 1], fp + code[pc + 2], 0L);
                return pc + 3;
            }
            default -> {
                simd(self, op - Op.SIMD, code, pc, s, h, fp);
                return pc + Op.SIMD_LENGTH;
            }
        }
    }

    private static void simd(Interpreter self, int sub, int[] code, int pc, long[] s, long[] h, int fp) {
        int d = fp + code[pc + 1];
        int a = fp + code[pc + 2];
        int b = fp + code[pc + 3];
        int c = fp + code[pc + 4];
        SimdScratch x = self.simd;
        switch (SimdOpcodes.shape(sub)) {
            case LOAD -> load(self, sub, code, pc, s[a], x);
            case STORE -> {
                byte[] mem = memory(self);
                int ea = address(sizeOf(self), s[a], code, pc, 16, true);
                LONG.set(mem, ea, s[b]);
                LONG.set(mem, ea + 8, h[b]);
                return;
            }
            case LOAD_LANE -> {
                int width = 128 / SimdOpcodes.lanes(sub);
                byte[] mem = memory(self);
                int ea = address(sizeOf(self), s[a], code, pc, width / 8, false);
                long v = read(mem, ea, width);
                int lane = code[pc + 7];
                int per = 64 / width;
                long lo = s[b];
                long hi = h[b];
                if (lane < per) {
                    lo = V128.withLane(lo, width, lane, v);
                } else {
                    hi = V128.withLane(hi, width, lane - per, v);
                }
                x.set(lo, hi);
            }
            case STORE_LANE -> {
                int width = 128 / SimdOpcodes.lanes(sub);
                byte[] mem = memory(self);
                int ea = address(sizeOf(self), s[a], code, pc, width / 8, true);
                long v = V128.lane(s[b], h[b], width, code[pc + 7]);
                switch (width) {
                    case 8 -> mem[ea] = (byte) v;
                    case 16 -> SHORT.set(mem, ea, (short) v);
                    case 32 -> INT.set(mem, ea, (int) v);
                    default -> LONG.set(mem, ea, v);
                }
                return;
            }
            case CONST -> x.set(code[pc + 5] & 0xFFFF_FFFFL | (long) code[pc + 6] << 32,
                    code[pc + 7] & 0xFFFF_FFFFL | (long) code[pc + 8] << 32);
            case SHUFFLE -> SimdLanes.shuffle(s[a], h[a], s[b], h[b], code, pc + 5, x);
            case SPLAT -> SimdLanes.splat(sub, s[a], x);
            case EXTRACT -> {
                s[d] = SimdLanes.extract(sub, s[a], h[a], code[pc + 7]);
                return;
            }
            case REPLACE -> SimdLanes.replace(sub, s[a], h[a], s[b], code[pc + 7], x);
            case TEST -> {
                s[d] = SimdLanes.test(sub, s[a], h[a], x);
                return;
            }
            case SHIFT -> SimdLanes.shift(sub, s[a], h[a], (int) s[b], x);
            case UNARY, BINARY, TERNARY -> {
                if (SimdFast.compute(sub, s[a], h[a], s[b], h[b], x)) {
                    break;
                }
                if (SimdFloats.isFloat(sub)) {
                    SimdFloats.compute(sub, s[a], h[a], s[b], h[b], s[c], h[c], x);
                } else {
                    SimdLanes.compute(sub, s[a], h[a], s[b], h[b], s[c], h[c], x);
                }
            }
            default -> throw new IllegalStateException("SIMD shape of " + sub);
        }
        s[d] = x.lo;
        h[d] = x.hi;
    }

    private static void load(Interpreter self, int sub, int[] code, int pc, long base, SimdScratch x) {
        byte[] mem = memory(self);
        switch (sub) {
            case 0x00 -> {
                int ea = address(sizeOf(self), base, code, pc, 16, false);
                x.set((long) LONG.get(mem, ea), (long) LONG.get(mem, ea + 8));
            }
            case 0x01, 0x02, 0x03, 0x04, 0x05, 0x06 -> {
                int ea = address(sizeOf(self), base, code, pc, 8, false);
                long v = (long) LONG.get(mem, ea);
                int from = 8 << ((sub - 1) >> 1);
                V128.unpack(v, 0, from, (sub & 1) == 1, x.a);
                System.arraycopy(x.a, 0, x.r, 0, 64 / from);
                x.pack(from * 2);
            }
            case 0x07, 0x08, 0x09, 0x0A -> {
                int width = 8 << (sub - 0x07);
                int ea = address(sizeOf(self), base, code, pc, width / 8, false);
                long v = read(mem, ea, width);
                long half = 0;
                for (int i = 0; i < 64 / width; i++) {
                    half |= v << (i * width);
                }
                x.set(half, half);
            }
            case 0x5C -> {
                int ea = address(sizeOf(self), base, code, pc, 4, false);
                x.set((int) INT.get(mem, ea) & 0xFFFF_FFFFL, 0);
            }
            default -> { // 0x5D load64_zero
                int ea = address(sizeOf(self), base, code, pc, 8, false);
                x.set((long) LONG.get(mem, ea), 0);
            }
        }
    }

    private static long read(byte[] mem, int ea, int width) {
        return switch (width) {
            case 8 -> mem[ea] & 0xFFL;
            case 16 -> (short) SHORT.get(mem, ea) & 0xFFFFL;
            case 32 -> (int) INT.get(mem, ea) & 0xFFFF_FFFFL;
            default -> (long) LONG.get(mem, ea);
        };
    }

    private static byte[] memory(Interpreter self) {
        MemoryInstance m = self.instance().memory0;
        return m.bytes;
    }

    private static int sizeOf(Interpreter self) {
        return self.instance().memory0.size;
    }

    /**
     * The effective address of a {@code bytes}-wide access: the i32 {@code base + K} (wrapping as the Wasm addition
     * folded into K would) plus the unsigned offset; out of bounds traps with the access described.
     */
    private static int address(int size, long base, int[] code, int pc, int bytes, boolean store) {
        long address = ((int) base + code[pc + 6]) & 0xFFFF_FFFFL;
        long offset = code[pc + 5] & 0xFFFF_FFFFL;
        long ea = address + offset;
        // The array is the memory's capacity: its size, not the array's length, bounds an access.
        if (ea + bytes > size) {
            throw new TrapSignal(TrapKind.MEMORY_OUT_OF_BOUNDS,
                    new TrapDetail.MemoryAccess(store, ea, address, offset, bytes, size));
        }
        return (int) ea;
    }
}
