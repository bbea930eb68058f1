package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.binary.ByteReader;
import dev.trapdoor.engine.instr.Instruction;
import dev.trapdoor.engine.instr.InstructionReader;
import dev.trapdoor.engine.instr.InstructionTypes;
import dev.trapdoor.engine.instr.Opcode;
import dev.trapdoor.engine.model.ElementSegment;
import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.FunctionBody;
import dev.trapdoor.engine.model.Global;
import dev.trapdoor.engine.model.TableType;
import dev.trapdoor.engine.model.TypeCode;
import dev.trapdoor.engine.model.ValType;
import dev.trapdoor.engine.model.WasmModule;

import java.util.Arrays;

/**
 * What a {@link Recording} cannot go back through, found in the module before it runs: a {@link Snapshot} holds
 * memories, globals, tables and frames, but not the heap of GC objects (a {@code struct.set} or {@code array.set}
 * after a snapshot would survive going back) nor exception references (an {@code exnref} in a slot names an
 * exception object whose payload is not saved). Such a program is refused at the start rather than replayed
 * inexactly.
 *
 * <p>An exception reference needs a place typed to hold one, and every such place is looked for: the types
 * section (function types, which tags, imports and block types by index use too), locals, globals, tables, element
 * segments, and in the code the types written inline: the block types of {@code block}, {@code loop}, {@code if},
 * {@code try} and {@code try_table}, and a typed {@code select}'s type. ({@code catch_ref} and
 * {@code catch_all_ref} make one only for a label typed to take it, so they need no look of their own.)
 * {@code exnref}, {@code (ref exn)} and the null-only {@code nullexnref} all count.
 */
final class RecordingLimits {
    private static final String EXNREF = "exception references (exnref)";

    private RecordingLimits() {
    }

    /** The first feature of the module that recordings do not support, or null. */
    static String unsupported(WasmModule module) {
        for (FuncType t : module.types()) {
            if (t.isStruct() || t.isArray()) {
                return "GC objects (the module declares struct or array types)";
            }
            if (hasExnref(t.params()) || hasExnref(t.results())) {
                return EXNREF;
            }
        }
        for (FunctionBody b : module.bodies()) {
            if (hasExnref(b.locals())) {
                return EXNREF;
            }
        }
        for (Global g : module.globals()) {
            if (g.type().type() == ValType.EXNREF) {
                return EXNREF;
            }
        }
        for (TableType t : module.tables()) {
            if (t.elemType() == ValType.EXNREF) {
                return EXNREF;
            }
        }
        for (ElementSegment e : module.elements()) {
            if (e.type() == ValType.EXNREF) {
                return EXNREF;
            }
        }
        for (FunctionBody b : module.bodies()) {
            if (codeHasExnref(module.bytes(), b)) {
                return EXNREF;
            }
        }
        return null;
    }

    /** Whether a type written inline in the body's instructions holds or makes an exception reference. */
    private static boolean codeHasExnref(byte[] module, FunctionBody body) {
        ByteReader r = new ByteReader(module, body.bodyOffset(), body.endOffset());
        while (r.pos() < body.endOffset()) {
            Instruction in = InstructionReader.read(r);
            Opcode op = in.opcode();
            if ((op == Opcode.BLOCK || op == Opcode.LOOP || op == Opcode.IF || op == Opcode.TRY
                    || op == Opcode.TRY_TABLE) && isExn(InstructionTypes.blockResultCode(in.immediate(0)))) {
                return true;
            }
            if (op == Opcode.SELECT_T) {
                for (int i = 0; i < in.immediateCount(); i++) {
                    if (isExn(InstructionTypes.valueTypeCode(in.immediate(i)))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean isExn(int typeCode) {
        return typeCode != 0 && TypeCode.isRef(typeCode) && TypeCode.kind(typeCode) == ValType.EXNREF;
    }

    private static boolean hasExnref(ValType[] types) {
        return types != null && Arrays.asList(types).contains(ValType.EXNREF);
    }
}
