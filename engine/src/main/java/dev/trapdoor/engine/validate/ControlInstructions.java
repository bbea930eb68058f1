package dev.trapdoor.engine.validate;

import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.TableType;
import dev.trapdoor.engine.model.ValType;

import java.util.Arrays;

import static dev.trapdoor.engine.validate.Types.I32;

/**
 * The control instructions of WebAssembly 3.0 that leave the current frame in a new way: the tail calls
 * {@code return_call} and {@code return_call_indirect}. A tail call's callee returns for the caller, so its results
 * must be the caller's results.
 */
final class ControlInstructions {
    private ControlInstructions() {
    }

    static void step(FunctionValidator v, int op) {
        switch (op) {
            case 0x12 -> {
                v.immA = v.r.u32();
                v.function(v.immA);
                FuncType ft = v.module.functionType(v.immA);
                sameResults(v, ft);
                v.emit(op);
                v.popAll(FunctionValidator.typesOf(ft.params()));
                v.setUnreachable();
            }
            case 0x13 -> {
                v.immA = v.r.u32();
                v.immB = v.r.u32();
                TableType tt = v.table(v.immB);
                FuncType ft = v.type(v.immA);
                if (tt.elemType() != ValType.FUNCREF) {
                    throw v.invalid("type mismatch: return_call_indirect needs a funcref table");
                }
                sameResults(v, ft);
                v.emit(op);
                v.pop(I32);
                v.popAll(FunctionValidator.typesOf(ft.params()));
                v.setUnreachable();
            }
            default -> throw new IllegalStateException("not a control instruction: 0x" + Integer.toHexString(op));
        }
    }

    private static void sameResults(FunctionValidator v, FuncType callee) {
        if (!Arrays.equals(FunctionValidator.typesOf(callee.results()), v.resultTypes)) {
            throw v.invalid("type mismatch: the tail call's results " + Arrays.toString(callee.results())
                    + " are not the function's");
        }
    }
}
