package dev.trapdoor.engine.exec;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;

/**
 * What a {@code call_indirect} site's switch knows (immutable: a site replaces it, and its target, as it learns): the
 * callees cached, by slot, and each table element seen, by the slot of the callee it held when its full check passed.
 * A call picks its slot from the element with one array read and one compare of the element's current reference, then
 * jumps once ({@code MethodHandles.tableSwitch}); a chain of guards instead tests the cached callees one after another,
 * a branch each that a dispatch loop's random callees mispredict (dispatch-O2 spent a third of its time there).
 *
 * <p>{@code -Dtrapdoor.jit.indirectSwitch=false}: the chain of guards, as before.
 */
final class IndirectSlots {
    static final boolean ENABLED = !"false".equals(System.getProperty("trapdoor.jit.indirectSwitch"));

    /**
     * Elements past this get no slot (they run the full check): the slot array grows to the largest element seen, one
     * byte per element.
     */
    static final int MAX_ELEMENT = 4096;

    private static final MethodHandle SELECT;

    static {
        try {
            SELECT = MethodHandles.lookup().findStatic(IndirectSlots.class, "select", MethodType.methodType(int.class,
                    TableInstance.class, byte[].class, long[].class, int.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    static final IndirectSlots EMPTY = new IndirectSlots(new byte[0], new long[0], new FunctionInstance[0]);

    /** Slot + 1 of the callee element {@code i} held when it was checked; 0 for an element never cached. */
    private final byte[] slotOf;
    /** The reference each slot's callee has in the table. */
    private final long[] refs;
    private final FunctionInstance[] callees;

    private IndirectSlots(byte[] slotOf, long[] refs, FunctionInstance[] callees) {
        this.slotOf = slotOf;
        this.refs = refs;
        this.callees = callees;
    }

    int size() {
        return callees.length;
    }

    FunctionInstance callee(int slot) {
        return callees[slot];
    }

    /**
     * These slots with element {@code element} holding {@code ref} (the callee {@code callee}, its check just passed),
     * or null when there is no room for it (past {@link #MAX_ELEMENT}, or a new callee when {@code maxCallees} are
     * held); these same slots when they already say so.
     */
    IndirectSlots with(int element, long ref, FunctionInstance callee, int maxCallees) {
        if (element < 0 || element >= MAX_ELEMENT) {
            return null;
        }
        int slot = 0;
        while (slot < refs.length && refs[slot] != ref) {
            slot++;
        }
        if (element < slotOf.length && slotOf[element] == slot + 1) {
            return this;
        }
        long[] r = refs;
        FunctionInstance[] f = callees;
        if (slot == refs.length) {
            if (slot >= maxCallees) {
                return null;
            }
            r = Arrays.copyOf(refs, slot + 1);
            r[slot] = ref;
            f = Arrays.copyOf(callees, slot + 1);
            f[slot] = callee;
        }
        byte[] s = Arrays.copyOf(slotOf, Math.max(slotOf.length, element + 1));
        s[element] = (byte) (slot + 1);
        return new IndirectSlots(s, r, f);
    }

    /** {@code (int element) -> slot}, or -1 when the element has none or no longer holds its slot's callee. */
    MethodHandle selector(TableInstance table) {
        return MethodHandles.insertArguments(SELECT, 0, table, slotOf, refs);
    }

    private static int select(TableInstance table, byte[] slotOf, long[] refs, int element) {
        if (Integer.compareUnsigned(element, slotOf.length) >= 0) {
            return -1;
        }
        int slot = slotOf[element] - 1;
        // A table never shrinks, so an element once seen is still in it; its reference may have changed.
        return slot >= 0 && table.elements[element] == refs[slot] ? slot : -1;
    }
}
