package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.model.GlobalType;

/** A global variable. Its value is a slot (see {@link Values}). */
public final class GlobalInstance implements Extern {
    private final GlobalType type;
    long value;
    /** The high half of a v128 global (bytes 8-15); {@link #value} holds bytes 0-7. */
    long hi;

    public GlobalInstance(GlobalType type, long value) {
        this.type = type;
        this.value = Values.normalize(type.type(), value);
    }

    public GlobalType type() {
        return type;
    }

    /** The value, normalized: code may leave garbage above an i32's low 32 bits (see {@link Values}). */
    public long get() {
        return Values.normalize(type.type(), value);
    }

    /** The high 8 bytes of a v128 global ({@link #get} gives the low 8). */
    public long high() {
        return hi;
    }

    /** Sets a v128 global's 16 bytes as two little-endian halves. */
    public void setV128(long low, long high) {
        this.value = low;
        this.hi = high;
    }

    /** Sets the value, whether or not the global is mutable: the host (and the debugger) may. */
    public void set(long value) {
        this.value = Values.normalize(type.type(), value);
    }
}
