package dev.trapdoor.engine.validate;

import dev.trapdoor.engine.binary.ByteReader;
import dev.trapdoor.engine.binary.RefTypes;
import dev.trapdoor.engine.error.InvalidModuleException;
import dev.trapdoor.engine.error.MalformedModuleException;
import dev.trapdoor.engine.model.ConstExpr;
import dev.trapdoor.engine.model.GlobalType;
import dev.trapdoor.engine.model.TypeCode;
import dev.trapdoor.engine.model.ValType;
import dev.trapdoor.engine.model.WasmModule;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks that a constant expression is constant and yields the expected type. Constant are the consts,
 * {@code ref.null}, {@code ref.func}, {@code global.get} of an immutable global that is visible there, and (3.0's extended
 * constant expressions) {@code i32}/{@code i64} {@code add}, {@code sub} and {@code mul}.
 */
final class ConstExprValidator {
    private ConstExprValidator() {
    }

    static void validate(WasmModule module, ConstExpr expr, ValType expected) {
        validate(module, expr, TypeCode.of(expected));
    }

    /** Checks that {@code expr} produces a subtype of {@code expected}, a {@link TypeCode}. */
    static void validate(WasmModule module, ConstExpr expr, int expected) {
        validate(module, expr, expected, module.importedGlobalCount());
    }

    /**
     * As {@link #validate(WasmModule, ConstExpr, int)}, where {@code global.get} may read the immutable globals below
     * index {@code visibleGlobals}: 3.0 lets a global's initializer read the globals defined before it, and segment
     * offsets and items read any global (they are evaluated after all globals).
     */
    static void validate(WasmModule module, ConstExpr expr, int expected, int visibleGlobals) {
        ByteReader r = new ByteReader(module.bytes(), expr.moduleOffset(), expr.endOffset());
        List<Integer> stack = new ArrayList<>();
        while (true) {
            int at = r.pos();
            int op = r.u8();
            if (op == 0x0B) {
                break;
            }
            switch (op) {
                case 0x6A, 0x6B, 0x6C -> binary(stack, TypeCode.I32, at);
                case 0x7C, 0x7D, 0x7E -> binary(stack, TypeCode.I64, at);
                case 0xFB -> ConstGcExprs.step(module, r, stack, at);
                default -> stack.add(operand(module, r, op, at, visibleGlobals));
            }
        }
        int produced = stack.isEmpty() ? 0 : stack.get(stack.size() - 1);
        if (stack.size() != 1 || produced != expected && !new Subtyping(module).matches(produced, expected)) {
            throw new InvalidModuleException(-1, expr.moduleOffset(), "type mismatch: constant expression must produce "
                    + TypeCode.text(expected) + (stack.isEmpty() ? ", produced nothing" : stack.size() > 1
                    ? ", produced " + stack.size() + " values" : ", produced " + TypeCode.text(produced)));
        }
    }

    /** An instruction that pushes one value without popping any; returns its type. */
    private static int operand(WasmModule module, ByteReader r, int op, int at, int visibleGlobals) {
        switch (op) {
            case 0x41 -> {
                r.s32();
                return TypeCode.I32;
            }
            case 0x42 -> {
                r.s64();
                return TypeCode.I64;
            }
            case 0x43 -> {
                r.f32Bits();
                return TypeCode.F32;
            }
            case 0x44 -> {
                r.f64Bits();
                return TypeCode.F64;
            }
            case 0xD0 -> {
                int heap = RefTypes.heapType(r);
                if (heap < 0) {
                    throw new MalformedModuleException(at + 1, "malformed reference type");
                }
                if (TypeCode.isIndex(heap) && heap >= module.types().size()) {
                    throw new InvalidModuleException(-1, at, "unknown type " + heap);
                }
                return TypeCode.ref(true, heap);
            }
            case 0xD2 -> {
                int f = r.u32();
                if (f < 0 || f >= module.functionCount()) {
                    throw new InvalidModuleException(-1, at, "unknown function " + Integer.toUnsignedString(f));
                }
                return TypeCode.ref(false, module.functionTypeIndex(f));
            }
            case 0xFD -> {
                if (r.u32() != 0x0C) {
                    throw new InvalidModuleException(-1, at, "constant expression required");
                }
                r.pos(r.pos() + 16);
                return TypeCode.V128;
            }
            case 0x23 -> {
                int g = r.u32();
                if (g < 0 || g >= visibleGlobals) {
                    throw new InvalidModuleException(-1, at, "unknown global " + Integer.toUnsignedString(g)
                            + " (constant expressions may read imported globals and globals defined before)");
                }
                GlobalType gt = module.globalTypes().get(g);
                if (gt.mutable()) {
                    throw new InvalidModuleException(-1, at, "constant expression required");
                }
                return gt.code();
            }
            default -> throw new InvalidModuleException(-1, at, "constant expression required");
        }
    }

    /** An extended-constant {@code add}, {@code sub} or {@code mul}: two operands of {@code type}, one result. */
    private static void binary(List<Integer> stack, int type, int at) {
        for (int i = 0; i < 2; i++) {
            if (stack.isEmpty()) {
                throw new InvalidModuleException(-1, at, "type mismatch: operand stack is empty");
            }
            int actual = stack.remove(stack.size() - 1);
            if (actual != type) {
                throw new InvalidModuleException(-1, at, "type mismatch: expected " + TypeCode.text(type) + ", got "
                        + TypeCode.text(actual));
            }
        }
        stack.add(type);
    }
}
