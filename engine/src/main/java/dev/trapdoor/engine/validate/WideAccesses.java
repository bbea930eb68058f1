package dev.trapdoor.engine.validate;

import dev.trapdoor.engine.instr.SimdOpcodes;
import dev.trapdoor.engine.model.WasmModule;

/**
 * Which memory and table instructions leave Wasm 2.0's shape: an access (scalar or SIMD) to a memory other than 0
 * (multi-memory), or to a 64-bit memory or table (memory64, table64). The interpreter runs them through its second dispatch instead of
 * memory 0's fast path, and the compiled tier through calls of the same code ({@code compile.WideOps}).
 */
public final class WideAccesses {
    private WideAccesses() {
    }

    /** Whether the instruction the validator reports ({@code op}, as a {@link CodeSink} sees it) is a wide one. */
    public static boolean isWide(int op, FunctionValidator v, WasmModule m) {
        if (op >= 0x28 && op <= 0x3E) {
            return wideMemory(m, v.memoryIndex);
        }
        if (op >= SimdInstructions.BASE && op < SimdInstructions.BASE + SimdOpcodes.count()
                && isSimdAccess(op - SimdInstructions.BASE)) {
            return wideMemory(m, v.memoryIndex);
        }
        return switch (op) {
            case 0x3F, 0x40, 0xFC0B -> wideMemory(m, v.immA);
            case 0xFC08 -> wideMemory(m, v.immB);
            case 0xFC0A -> wideMemory(m, v.immA) || wideMemory(m, v.immB);
            case 0x25, 0x26, 0xFC0F, 0xFC10, 0xFC11 -> m.tables().get(v.immA).is64();
            case 0x11, 0x13, 0xFC0C -> m.tables().get(v.immB).is64();
            case 0xFC0E -> m.tables().get(v.immA).is64() || m.tables().get(v.immB).is64();
            default -> false;
        };
    }

    private static boolean isSimdAccess(int sub) {
        SimdOpcodes.Shape shape = SimdOpcodes.shape(sub);
        return shape == SimdOpcodes.Shape.LOAD || shape == SimdOpcodes.Shape.STORE
                || shape == SimdOpcodes.Shape.LOAD_LANE || shape == SimdOpcodes.Shape.STORE_LANE;
    }

    private static boolean wideMemory(WasmModule m, int memoryIndex) {
        return memoryIndex != 0 || m.memories().get(0).is64();
    }

    /** Whether function {@code funcIndex}'s body holds a wide instruction (one validation walk). */
    public static boolean in(ModuleContext ctx, int funcIndex) {
        boolean[] found = new boolean[1];
        WasmModule m = ctx.module();
        new FunctionValidator(ctx, (op, moduleOffset, v) -> found[0] |= isWide(op, v, m))
                .validate(funcIndex, m.body(funcIndex));
        return found[0];
    }

    /**
     * Whether the module has anything wide at all: a second memory, or a 64-bit memory or table. Loops, not streams:
     * the translator asks this for every function, and a stream's first use loads and links a dozen classes, ~3 ms of
     * a hello-world's start-up.
     */
    public static boolean possible(WasmModule m) {
        if (m.memories().size() > 1) {
            return true;
        }
        for (var memory : m.memories()) {
            if (memory.is64()) {
                return true;
            }
        }
        for (var table : m.tables()) {
            if (table.is64()) {
                return true;
            }
        }
        return false;
    }
}
