package dev.trapdoor.engine.text;

/** The {@code 0xFB}-prefixed instructions of 3.0's garbage collection, by sub-opcode. */
final class GcTable {
    private GcTable() {
    }

    static void register(Instructions.Sink sink) {
        int gc = Instructions.GC;
        sink.put("struct.new", gc, 0, Imm.TYPE);
        sink.put("struct.new_default", gc, 1, Imm.TYPE);
        sink.put("struct.get", gc, 2, Imm.TYPE_FIELD);
        sink.put("struct.get_s", gc, 3, Imm.TYPE_FIELD);
        sink.put("struct.get_u", gc, 4, Imm.TYPE_FIELD);
        sink.put("struct.set", gc, 5, Imm.TYPE_FIELD);
        sink.put("array.new", gc, 6, Imm.TYPE);
        sink.put("array.new_default", gc, 7, Imm.TYPE);
        sink.put("array.new_fixed", gc, 8, Imm.TYPE_COUNT);
        sink.put("array.new_data", gc, 9, Imm.TYPE_DATA);
        sink.put("array.new_elem", gc, 10, Imm.TYPE_ELEM);
        sink.put("array.get", gc, 11, Imm.TYPE);
        sink.put("array.get_s", gc, 12, Imm.TYPE);
        sink.put("array.get_u", gc, 13, Imm.TYPE);
        sink.put("array.set", gc, 14, Imm.TYPE);
        sink.put("array.len", gc, 15, Imm.NONE);
        sink.put("array.fill", gc, 16, Imm.TYPE);
        sink.put("array.copy", gc, 17, Imm.TYPE_TYPE);
        sink.put("array.init_data", gc, 18, Imm.TYPE_DATA);
        sink.put("array.init_elem", gc, 19, Imm.TYPE_ELEM);
        sink.put("ref.test", gc, 20, Imm.REF_TEST);
        sink.put("ref.cast", gc, 22, Imm.REF_TEST);
        sink.put("br_on_cast", gc, 24, Imm.BR_ON_CAST);
        sink.put("br_on_cast_fail", gc, 25, Imm.BR_ON_CAST);
        sink.put("any.convert_extern", gc, 26, Imm.NONE);
        sink.put("extern.convert_any", gc, 27, Imm.NONE);
        sink.put("ref.i31", gc, 28, Imm.NONE);
        sink.put("i31.get_s", gc, 29, Imm.NONE);
        sink.put("i31.get_u", gc, 30, Imm.NONE);
    }
}
