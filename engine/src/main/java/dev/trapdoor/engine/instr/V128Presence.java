package dev.trapdoor.engine.instr;

import dev.trapdoor.engine.binary.ByteReader;
import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.FunctionBody;
import dev.trapdoor.engine.model.ValType;
import dev.trapdoor.engine.model.WasmModule;

/**
 * Where v128 values may occur in a function: the translators ask this of every function they translate. Apart from
 * {@link SimdOpcodes}, whose table of some 250 mnemonics and shapes is built when first used: a module without SIMD
 * never needs it (building it was ~2 ms of a {@code trapdoor run} hello-world's start).
 */
public final class V128Presence {
    private V128Presence() {
    }

    /**
     * Whether function {@code funcIndex} may hold a v128: one in its signature or locals, a SIMD instruction in its
     * body (the byte 0xFD anywhere, conservatively), or any v128 in the module's types (a struct or array field too)
     * or globals (which calls, block types, {@code global.get} and field reads can bring in).
     */
    public static boolean mayHoldV128(WasmModule module, int funcIndex) {
        for (FuncType t : module.types()) {
            if (hasV128(t.params()) || hasV128(t.results()) || hasV128Field(t)) {
                return true;
            }
        }
        for (var g : module.globalTypes()) {
            if (g.type() == ValType.V128) {
                return true;
            }
        }
        FunctionBody body = module.body(funcIndex);
        if (hasV128(body.locals())) {
            return true;
        }
        byte[] bytes = module.bytes();
        boolean prefixByte = false;
        for (int i = body.bodyOffset(); i < body.endOffset() && !prefixByte; i++) {
            prefixByte = bytes[i] == (byte) SimdOpcodes.PREFIX;
        }
        // The byte also occurs inside immediates (an f64.const, a LEB128 offset): walk the instructions to tell.
        return prefixByte && usesSimdOpcode(bytes, body);
    }

    /** Whether function {@code funcIndex}'s own body has a v128 local or a SIMD instruction. */
    public static boolean inBody(WasmModule module, int funcIndex) {
        FunctionBody body = module.body(funcIndex);
        if (hasV128(body.locals())) {
            return true;
        }
        byte[] bytes = module.bytes();
        for (int i = body.bodyOffset(); i < body.endOffset(); i++) {
            if (bytes[i] == (byte) SimdOpcodes.PREFIX) {
                return usesSimdOpcode(bytes, body);
            }
        }
        return false;
    }

    /** A struct or array with a v128 field: {@code struct.get} and {@code array.get} bring its value in. */
    private static boolean hasV128Field(FuncType t) {
        if (t.isFunc()) {
            return false;
        }
        for (int i = 0; i < t.fieldCount(); i++) {
            if (t.fieldCode(i) == dev.trapdoor.engine.model.TypeCode.V128) {
                return true;
            }
        }
        return false;
    }

    private static boolean usesSimdOpcode(byte[] bytes, FunctionBody body) {
        ByteReader r = new ByteReader(bytes, body.bodyOffset(), body.endOffset());
        try {
            while (r.pos() < body.endOffset()) {
                if (InstructionSkip.skip(r) == Opcode.SIMD) {
                    return true;
                }
            }
            return false;
        } catch (RuntimeException unreadable) {
            // Not validated yet, or an encoding this reader refuses: assume the worst, as the byte scan did.
            return true;
        }
    }

    private static boolean hasV128(ValType[] types) {
        for (ValType t : types) {
            if (t == ValType.V128) {
                return true;
            }
        }
        return false;
    }
}
