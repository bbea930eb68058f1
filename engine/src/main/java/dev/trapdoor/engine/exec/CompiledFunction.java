package dev.trapdoor.engine.exec;

import java.util.Arrays;

/**
 * A function translated for the interpreter: its code, the frame layout (locals then operand slots), and the table
 * mapping each instruction's {@code pc} to the module offset of the Wasm instruction it came from.
 */
final class CompiledFunction {
    final int[] code;
    final int paramCount;
    final int localCount;
    final int resultCount;
    /** Slots a frame needs: locals plus the deepest operand stack. */
    final int frameSize;
    private final int[] mapPc;
    private final int[] mapModuleOffset;

    CompiledFunction(int[] code, int paramCount, int localCount, int resultCount, int frameSize, int[] mapPc,
                     int[] mapModuleOffset) {
        this.code = code;
        this.paramCount = paramCount;
        this.localCount = localCount;
        this.resultCount = resultCount;
        this.frameSize = frameSize;
        this.mapPc = mapPc;
        this.mapModuleOffset = mapModuleOffset;
    }

    /** Module offset of the Wasm instruction that the translated instruction at {@code pc} belongs to. */
    int moduleOffset(int pc) {
        int i = Arrays.binarySearch(mapPc, pc);
        if (i < 0) {
            i = -i - 2;
        }
        return i < 0 ? -1 : mapModuleOffset[i];
    }
}
