package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.instr.SimdOpcodes;

/**
 * Every SIMD instruction that does not touch memory, on operands given as values: the one implementation both tiers
 * run (the interpreter's {@link SimdOps} reads the operands from its slots; compiled code passes its JVM locals and
 * calls this for every instruction it does not compute inline). A v128 result is left in {@code x} and its low half
 * also returned; a scalar result (extract_lane, any_true, all_true, bitmask) is returned and {@code x} is untouched.
 */
final class SimdEval {
    private SimdEval() {
    }

    /**
     * @param lane the lane immediate (extract, replace)
     * @param cLo  the third operand's low half, or for {@code i8x16.shuffle} the mask's low 8 bytes ({@code cHi} its
     *             high ones); for replace_lane the scalar is {@code bLo}, for a shift the count is {@code bLo}
     */
    static long eval(int sub, int lane, long aLo, long aHi, long bLo, long bHi, long cLo, long cHi, SimdScratch x) {
        switch (SimdOpcodes.shape(sub)) {
            case SHUFFLE -> SimdLanes.shuffle(aLo, aHi, bLo, bHi, cLo, cHi, x);
            case SPLAT -> SimdLanes.splat(sub, aLo, x);
            case EXTRACT -> {
                return SimdLanes.extract(sub, aLo, aHi, lane);
            }
            case REPLACE -> SimdLanes.replace(sub, aLo, aHi, bLo, lane, x);
            case TEST -> {
                return SimdLanes.test(sub, aLo, aHi, x);
            }
            case SHIFT -> SimdLanes.shift(sub, aLo, aHi, (int) bLo, x);
            case UNARY, BINARY, TERNARY -> {
                if (SimdFast.compute(sub, aLo, aHi, bLo, bHi, x)) {
                    break;
                }
                if (SimdFloats.isFloat(sub)) {
                    SimdFloats.compute(sub, aLo, aHi, bLo, bHi, cLo, cHi, x);
                } else {
                    SimdLanes.compute(sub, aLo, aHi, bLo, bHi, cLo, cHi, x);
                }
            }
            default -> throw new IllegalStateException("SIMD shape of " + sub);
        }
        return x.lo;
    }
}
