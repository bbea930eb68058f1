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

    public long get() {
        return value;
    }

    /** Sets the value, whether or not the global is mutable: the host (and the debugger) may. */
    public void set(long value) {
        this.value = Values.normalize(type.type(), value);
    }
}
