package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.model.GlobalType;

/** A global variable. Its value is a slot (see {@link Values}). */
public final class GlobalInstance implements Extern {
    private final GlobalType type;
    long value;

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

    /** Sets the value, whether or not the global is mutable: the host (and the debugger) may. */
    public void set(long value) {
        this.value = Values.normalize(type.type(), value);
    }
}
