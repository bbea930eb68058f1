package dev.trapdoor.engine.text;

import dev.trapdoor.engine.instr.SimdOpcodes;

/** The {@code 0xFD}-prefixed instructions: 2.0's fixed-width SIMD and 3.0's relaxed SIMD, by sub-opcode. */
final class SimdTable {
    private SimdTable() {
    }


    static void register(Instructions.Sink sink) {
        for (int code = 0; code < SimdOpcodes.count(); code++) {
            String name = SimdOpcodes.name(code);
            if (name != null) {
                sink.put(name, Instructions.SIMD, code, imm(name));
            }
        }
    }

    private static Imm imm(String name) {
        if (name.equals("v128.const")) {
            return Imm.V128_CONST;
        }
        if (name.equals("i8x16.shuffle")) {
            return Imm.SHUFFLE;
        }
        if (name.contains("_lane") && !name.contains("laneselect")) {
            return name.startsWith("v128.") ? Imm.MEMARG_LANE : Imm.LANE;
        }
        if (name.startsWith("v128.load") || name.startsWith("v128.store")) {
            return Imm.MEMARG;
        }
        return Imm.NONE;
    }
}
