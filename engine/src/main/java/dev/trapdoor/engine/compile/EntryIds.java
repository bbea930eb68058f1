package dev.trapdoor.engine.compile;

/**
 * Where a chunk can be entered, as one int: a module offset times eight plus a kind. Id 0 is the function's start
 * (module offset 0 is never an instruction); -1 means the function returned. Module offsets must be below
 * {@link #MAX_MODULE_OFFSET} (the compiler declines functions past it).
 *
 * <p>The frame state that goes with an id is the interpreter's frame layout in the value stack at the frame
 * pointer: locals, the zero slot, then the operand stack up to the height the Wasm code has at that point.
 */
public final class EntryIds {
    private EntryIds() {
    }

    public static final int FUNCTION_START = 0;
    public static final int RETURNED = -1;
    /** The header of the loop whose {@code loop} instruction is at the offset. */
    static final int LOOP = 0;
    /** Before the instruction at the offset (where a chunk was cut). */
    static final int AT = 1;
    /** After the {@code end} of the block or if opened at the offset. */
    static final int END = 2;
    /** The else arm of the if opened at the offset. */
    static final int ELSE = 3;
    /**
     * Right after the call at the offset returned: never a chunk's entry, only the exit of a poll after a call, where
     * the frame goes on in the interpreter (a breakpoint set while the frame waited in the call may follow it).
     */
    static final int AFTER_CALL = 4;
    /** Module offsets at and past this do not fit an id. */
    public static final int MAX_MODULE_OFFSET = 1 << 28;

    /** The id of the header of the loop whose {@code loop} instruction is at {@code moduleOffset}. */
    public static int loop(int moduleOffset) {
        return of(moduleOffset, LOOP);
    }

    static int of(int moduleOffset, int kind) {
        return moduleOffset << 3 | kind;
    }

    /** Whether the id names a loop header. */
    public static boolean isLoop(int id) {
        return id > 0 && (id & 7) == LOOP;
    }

    /** The id of the place right after the call at {@code moduleOffset} returned. */
    public static int afterCall(int moduleOffset) {
        return of(moduleOffset, AFTER_CALL);
    }

    /** Whether the id names the place after a call (a poll's exit; no chunk has it as an entry). */
    public static boolean isAfterCall(int id) {
        return id > 0 && (id & 7) == AFTER_CALL;
    }

    /** The module offset an id names. */
    public static int moduleOffset(int id) {
        return id >>> 3;
    }
}
