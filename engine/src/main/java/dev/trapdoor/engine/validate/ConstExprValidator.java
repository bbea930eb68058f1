package dev.trapdoor.engine.validate;

import dev.trapdoor.engine.binary.ByteReader;
import dev.trapdoor.engine.error.InvalidModuleException;
import dev.trapdoor.engine.error.MalformedModuleException;
import dev.trapdoor.engine.model.ConstExpr;
import dev.trapdoor.engine.model.GlobalType;
import dev.trapdoor.engine.model.ValType;
import dev.trapdoor.engine.model.WasmModule;

/**
 * Checks that a constant expression is constant in the Wasm 2.0 sense (one const, {@code ref.null},
 * {@code ref.func} or {@code global.get} of an imported immutable global) and yields the expected type.
 */
final class ConstExprValidator {
    private ConstExprValidator() {
    }

    static void validate(WasmModule module, ConstExpr expr, ValType expected) {
        ByteReader r = new ByteReader(module.bytes(), expr.moduleOffset(), expr.endOffset());
        ValType produced = null;
        int count = 0;
        while (true) {
            int at = r.pos();
            int op = r.u8();
            if (op == 0x0B) {
                break;
            }
            ValType t;
            switch (op) {
                case 0x41 -> {
                    r.s32();
                    t = ValType.I32;
                }
                case 0x42 -> {
                    r.s64();
                    t = ValType.I64;
                }
                case 0x43 -> {
                    r.f32Bits();
                    t = ValType.F32;
                }
                case 0x44 -> {
                    r.f64Bits();
                    t = ValType.F64;
                }
                case 0xD0 -> {
                    int code = r.u8();
                    t = ValType.fromCode(code);
                    if (t == null || !t.isRef()) {
                        throw new MalformedModuleException(at + 1, "malformed reference type");
                    }
                }
                case 0xD2 -> {
                    int f = r.u32();
                    if (f < 0 || f >= module.functionCount()) {
                        throw new InvalidModuleException(-1, at, "unknown function " + Integer.toUnsignedString(f));
                    }
                    t = ValType.FUNCREF;
                }
                case 0x23 -> {
                    int g = r.u32();
                    if (g < 0 || g >= module.importedGlobalCount()) {
                        throw new InvalidModuleException(-1, at, "unknown global " + Integer.toUnsignedString(g)
                                + " (constant expressions may read imported globals only)");
                    }
                    GlobalType gt = module.globalTypes().get(g);
                    if (gt.mutable()) {
                        throw new InvalidModuleException(-1, at, "constant expression required");
                    }
                    t = gt.type();
                }
                default -> throw new InvalidModuleException(-1, at, "constant expression required");
            }
            produced = t;
            count++;
        }
        if (count != 1 || produced != expected) {
            throw new InvalidModuleException(-1, expr.moduleOffset(), "type mismatch: constant expression must produce "
                    + expected + (count == 0 ? ", produced nothing" : count > 1 ? ", produced " + count + " values"
                    : ", produced " + produced));
        }
    }
}
