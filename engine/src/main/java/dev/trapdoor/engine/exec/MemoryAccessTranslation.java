package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.validate.FunctionValidator;

/**
 * The translator's part for linear-memory loads and stores of memory 0 ({@link WideMemoryTranslation} has the others):
 * an address the previous instruction computed ({@code base + K}, {@code base << k}) is taken back into the access,
 * and a constant address reads through the slot that always holds 0.
 */
final class MemoryAccessTranslation {
    private MemoryAccessTranslation() {
    }

    /** A load, opcodes 0x28-0x35, whose address is at stack position h-1. */
    static void load(Translator t, int op, int moduleOffset, FunctionValidator v, int h) {
        int top = t.slot(h - 1);
        Fusions fusions = t.fusions;
        boolean wide = op == 0x29 || op == 0x2B;
        boolean plusK = !t.exact && (op == 0x28 || wide) && fusions.addressFolds(h - 1) && fusions.shiftBelowSum();
        if (!t.exact && (op == 0x28 || wide) && (plusK || fusions.shiftFolds(h - 1))) {
            int base = t.code.get(t.shiftStart + 2);
            int k = t.code.get(t.shiftStart + 3) & 31;
            int addend = plusK ? t.addr.y : 0;
            fusions.takeBackShift(moduleOffset, h, base, k, addend);
            t.emit(wide ? Op.I64_LOAD_SCALED : Op.I32_LOAD_SCALED, top, base, (int) v.immL, addend, k);
            t.produced(h - 1, t.code.size() - 5);
            return;
        } else if (!t.exact && fusions.addressFolds(h - 1)) {
            int base = t.addr.x;
            int k = fusions.takeBackAddress(moduleOffset, h);
            t.emit(op, top, base, (int) v.immL, k);
        } else if (t.isConst(h - 1)) {
            t.emit(op, top, t.zeroSlot(), (int) v.immL, (int) t.aliases.constant(h - 1));
            t.aliases.clear(h - 1);
        } else {
            t.emit(op, top, t.operand(h - 1), (int) v.immL, 0);
        }
        t.produced(h - 1, t.code.size() - 4);
        if (op == 0x2A || op == 0x2B) {
            t.loaded.set(op, t.code.size() - 5, t.code.size(), t.mapPc.size(), h - 1, t.code.size() - 4, 0, 0);
        }
    }

    /** A store, opcodes 0x36-0x3E, of the value at stack position h-1 to the address at h-2. */
    static void store(Translator t, int op, int moduleOffset, FunctionValidator v, int h) {
        if (!t.exact && t.fusions.storeAddressFolds(h)) {
            int base = t.addr.x;
            int k = t.fusions.takeBackAddress(moduleOffset, h);
            t.emit(op, base, t.operand(h - 1), (int) v.immL, k);
        } else if (t.isConst(h - 2)) {
            t.emit(op, t.zeroSlot(), t.operand(h - 1), (int) v.immL, (int) t.aliases.constant(h - 2));
        } else {
            t.emit(op, t.operand(h - 2), t.operand(h - 1), (int) v.immL, 0);
        }
    }
}
