package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.instr.SimdOpcodes;

/**
 * The interpreter's second dispatch method: every SIMD instruction and the v128 forms of the generic moves, kept
 * out of {@link Interpreter}'s dispatch method and its byte budget. A v128 in frame slot {@code x} is the pair
 * {@code (stack[fp + x], hi[fp + x])}: the low half in the value stack, the high half at the same index of the
 * interpreter's parallel {@code hi} array (see ARCHITECTURE.md, "v128 slots"). Each method reads all its inputs before
 * it writes its destination, which {@code local.set} may have retargeted to an input.
 */
final class SimdOps {
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
            case LOAD -> {
                if (code[pc + 8] != 0) {
                    SimdWideAccess.run(self, sub, code, pc, s, h, fp, x);
                } else {
                    SimdMemory.load(sub, memory(self), sizeOf(self), s[a], code[pc + 6], code[pc + 5], x);
                }
            }
            case STORE -> {
                if (code[pc + 8] != 0) {
                    SimdWideAccess.run(self, sub, code, pc, s, h, fp, x);
                } else {
                    SimdMemory.store(memory(self), sizeOf(self), s[a], code[pc + 6], code[pc + 5], s[b], h[b]);
                }
                return;
            }
            case LOAD_LANE -> {
                if (code[pc + 8] != 0) {
                    SimdWideAccess.run(self, sub, code, pc, s, h, fp, x);
                } else {
                    SimdMemory.loadLane(sub, memory(self), sizeOf(self), s[a], code[pc + 6], code[pc + 5],
                            code[pc + 7], s[b], h[b], x);
                }
            }
            case STORE_LANE -> {
                if (code[pc + 8] != 0) {
                    SimdWideAccess.run(self, sub, code, pc, s, h, fp, x);
                } else {
                    SimdMemory.storeLane(sub, memory(self), sizeOf(self), s[a], code[pc + 6], code[pc + 5],
                            code[pc + 7], s[b], h[b]);
                }
                return;
            }
            case CONST -> x.set(code[pc + 5] & 0xFFFF_FFFFL | (long) code[pc + 6] << 32,
                    code[pc + 7] & 0xFFFF_FFFFL | (long) code[pc + 8] << 32);
            case SHUFFLE -> SimdLanes.shuffle(s[a], h[a], s[b], h[b], code[pc + 5] & 0xFFFF_FFFFL
                    | (long) code[pc + 6] << 32, code[pc + 7] & 0xFFFF_FFFFL | (long) code[pc + 8] << 32, x);
            case EXTRACT, TEST -> {
                s[d] = SimdEval.eval(sub, code[pc + 7], s[a], h[a], 0, 0, 0, 0, x);
                return;
            }
            default -> SimdEval.eval(sub, code[pc + 7], s[a], h[a], s[b], h[b], s[c], h[c], x);
        }
        s[d] = x.lo;
        h[d] = x.hi;
    }

    private static long memory(Interpreter self) {
        MemoryInstance m = self.instance().memory0;
        return m.base;
    }

    private static int sizeOf(Interpreter self) {
        return self.instance().memory0.size;
    }
}
