package dev.trapdoor.engine.validate;

import dev.trapdoor.engine.binary.ByteReader;
import dev.trapdoor.engine.error.InvalidModuleException;
import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.TypeCode;
import dev.trapdoor.engine.model.WasmModule;

import java.util.List;

/**
 * GC's constant instructions ({@code 0xFB} prefix, already read) in a constant expression: {@code struct.new},
 * {@code struct.new_default}, {@code array.new}, {@code array.new_default}, {@code array.new_fixed},
 * {@code ref.i31}, {@code any.convert_extern} and {@code extern.convert_any}.
 */
final class ConstGcExprs {
    private ConstGcExprs() {
    }

    static void step(WasmModule module, ByteReader r, List<Integer> stack, int at) {
        int sub = r.u32();
        Subtyping st = new Subtyping(module);
        switch (sub) {
            case 0, 1 -> {
                int index = r.u32();
                FuncType t = type(module, index, at, true);
                if (sub == 0) {
                    for (int i = t.fieldCount() - 1; i >= 0; i--) {
                        pop(st, stack, GcInstructions.unpacked(t.fieldCode(i)), at);
                    }
                }
                stack.add(TypeCode.ref(false, index));
            }
            case 6, 7, 8 -> {
                int index = r.u32();
                FuncType t = type(module, index, at, false);
                int elem = GcInstructions.unpacked(t.fieldCode(0));
                if (sub == 8) {
                    int n = r.u32();
                    for (int i = 0; i < n; i++) {
                        pop(st, stack, elem, at);
                    }
                } else {
                    pop(st, stack, TypeCode.I32, at);
                    if (sub == 6) {
                        pop(st, stack, elem, at);
                    }
                }
                stack.add(TypeCode.ref(false, index));
            }
            case 28 -> {
                pop(st, stack, TypeCode.I32, at);
                stack.add(TypeCode.ref(false, TypeCode.HT_I31));
            }
            case 26, 27 -> {
                int t = pop(st, stack, TypeCode.ref(true, sub == 26 ? TypeCode.HT_EXTERN : TypeCode.HT_ANY), at);
                stack.add(TypeCode.ref(TypeCode.nullable(t), sub == 26 ? TypeCode.HT_ANY : TypeCode.HT_EXTERN));
            }
            default -> throw new InvalidModuleException(-1, at, "constant expression required");
        }
    }

    private static FuncType type(WasmModule module, int index, int at, boolean struct) {
        if (index < 0 || index >= module.types().size()) {
            throw new InvalidModuleException(-1, at, "unknown type " + Integer.toUnsignedString(index));
        }
        FuncType t = module.types().get(index);
        if (struct ? !t.isStruct() : !t.isArray()) {
            throw new InvalidModuleException(-1, at, "type mismatch: type " + index + " is not "
                    + (struct ? "a struct" : "an array") + " type");
        }
        return t;
    }

    private static int pop(Subtyping st, List<Integer> stack, int expected, int at) {
        if (stack.isEmpty()) {
            throw new InvalidModuleException(-1, at, "type mismatch: operand stack is empty");
        }
        int actual = stack.remove(stack.size() - 1);
        if (!st.matches(actual, expected)) {
            throw new InvalidModuleException(-1, at, "type mismatch: expected " + TypeCode.text(expected) + ", got "
                    + TypeCode.text(actual));
        }
        return actual;
    }
}
