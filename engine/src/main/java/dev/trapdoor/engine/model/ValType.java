package dev.trapdoor.engine.model;

/** A WebAssembly value type with its binary encoding. */
public enum ValType {
    I32(0x7F, "i32"),
    I64(0x7E, "i64"),
    F32(0x7D, "f32"),
    F64(0x7C, "f64"),
    V128(0x7B, "v128"),
    FUNCREF(0x70, "funcref"),
    EXTERNREF(0x6F, "externref"),
    /** A caught exception (3.0, exception handling): {@code (ref null exn)}. */
    EXNREF(0x69, "exnref");

    private final int code;
    private final String text;

    ValType(int code, String text) {
        this.code = code;
        this.text = text;
    }

    public int code() {
        return code;
    }

    public boolean isRef() {
        return this == FUNCREF || this == EXTERNREF || this == EXNREF;
    }

    /** Returns the type for a binary code, or {@code null} when the byte encodes no value type. */
    public static ValType fromCode(int code) {
        switch (code) {
            case 0x7F: return I32;
            case 0x7E: return I64;
            case 0x7D: return F32;
            case 0x7C: return F64;
            case 0x7B: return V128;
            case 0x70: return FUNCREF;
            case 0x6F: return EXTERNREF;
            case 0x69: return EXNREF;
            default: return null;
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
