package dev.trapdoor.engine.exec;

import java.lang.invoke.CallSite;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.MutableCallSite;

/**
 * A typed {@code call_indirect} site of compiled code with an inline cache: the site remembers the functions it has
 * called, and while the table element still holds one of them the call goes straight to that function's typed call
 * site, which C2 inlines like a direct call. A miss runs the full check (bounds, null, signature: the interpreter's
 * traps) and adds the callee; past {@link #MAX_CACHED} callees the site stays on the full check. Host callees are
 * never cached: their adapter needs the calling site named on every call. A {@code call_ref} site (table
 * {@link TypedRefTranslation#REF_TABLE}) caches the same way, keyed by the reference it is given.
 */
final class IndirectCallSite extends MutableCallSite {
    /**
     * A C dispatch table reached through one site (an interpreter's handlers, a vtable) often has eight or so
     * callees: the dispatch kernel's eight ran 1.7x faster with all of them cached than with four.
     */
    static final int MAX_CACHED = 8;

    /** Relinks of a switch site (one per element learned), after which new elements run the full check. */
    static final int MAX_LINKS = 32;

    private static final MethodHandle SAME;
    private static final MethodHandle SAME_REF;
    private static final MethodHandle RESOLVE;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            SAME = l.findStatic(IndirectCallSite.class, "same",
                    MethodType.methodType(boolean.class, TableInstance.class, long.class, int.class));
            SAME_REF = l.findStatic(IndirectCallSite.class, "sameRef",
                    MethodType.methodType(boolean.class, int.class, int.class));
            RESOLVE = l.findVirtual(IndirectCallSite.class, "resolve",
                    MethodType.methodType(MethodHandle.class, int.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final JitContext c;
    private final int typeIndex;
    private final int tableIndex;
    private final int moduleOffset;
    /** Full check, then invoke: what a miss runs. */
    private final MethodHandle generic;
    private int cached;
    /** The switch's knowledge (table sites with {@link IndirectSlots#ENABLED}). */
    private IndirectSlots slots = IndirectSlots.EMPTY;
    /** Times the switch was relinked: each throws away the compiled code that inlined the site. */
    private int links;

    private IndirectCallSite(MethodType type, JitContext c, int typeIndex, int tableIndex, int moduleOffset) {
        super(type);
        this.c = c;
        this.typeIndex = typeIndex;
        this.tableIndex = tableIndex;
        this.moduleOffset = moduleOffset;
        // (element, fp, ..., params): resolve(element) gives the callee's typed handle, invoked on the rest.
        MethodType calleeType = type.dropParameterTypes(0, 1);
        MethodHandle invoke = MethodHandles.dropArguments(MethodHandles.exactInvoker(calleeType), 1, int.class);
        this.generic = MethodHandles.foldArguments(invoke, RESOLVE.bindTo(this));
        setTarget(generic);
    }

    /** Bootstrap of a typed {@code call_indirect}'s {@code invokedynamic}. */
    static CallSite link(MethodHandles.Lookup caller, String name, MethodType type, int typeIndex, int tableIndex,
                         int moduleOffset) throws IllegalAccessException {
        JitContext c = MethodHandles.classData(caller, "_", JitContext.class);
        return new IndirectCallSite(type, c, typeIndex, tableIndex, moduleOffset);
    }

    /** The full check of element {@code element}; caches a Wasm callee in front of the current target. */
    private MethodHandle resolve(int element) {
        MethodHandle h = JitRt.typedTarget(c, typeIndex, tableIndex, element, moduleOffset);
        if (IndirectSlots.ENABLED && tableIndex != TypedRefTranslation.REF_TABLE) {
            learn(element);
        } else if (cached < MAX_CACHED) {
            // The check passed: this is the element's callee (a call_ref's operand names it), found without traps.
            FunctionInstance callee = c.inst.store.function(tableIndex == TypedRefTranslation.REF_TABLE ? element
                    : c.inst.tables[tableIndex].elements[element]);
            if (callee.host == null) {
                synchronized (this) {
                    if (cached < MAX_CACHED) {
                        cached++;
                        cache(callee, element);
                    }
                }
            }
        }
        return h;
    }

    private void cache(FunctionInstance callee, int element) {
        JitRt.typedSiteOf(callee);
        // The callee's typed call site follows it between tiers (compiled, pinned by a debugger, interpreted).
        MethodHandle hit = MethodHandles.dropArguments(callee.typedInvoker, 0, int.class);
        MethodHandle test;
        if (tableIndex == TypedRefTranslation.REF_TABLE) {
            // A call_ref's operand is the function's reference: the same reference is the same callee.
            test = MethodHandles.insertArguments(SAME_REF, 0, element);
        } else {
            TableInstance table = c.inst.tables[tableIndex];
            test = MethodHandles.insertArguments(SAME, 0, table, table.elements[element]);
        }
        test = MethodHandles.dropArguments(test, 1, type().dropParameterTypes(0, 1).parameterList());
        setTarget(MethodHandles.guardWithTest(test, hit, getTarget()));
    }

    /**
     * Gives element {@code element} (its check just passed) a slot in the switch, when there is room and the site has
     * not been relinked {@link #MAX_LINKS} times: an element whose callee another element already brought costs a
     * relink but no callee.
     */
    private synchronized void learn(int element) {
        TableInstance table = c.inst.tables[tableIndex];
        long ref = table.elements[element];
        FunctionInstance callee = c.inst.store.function(ref);
        if (callee.host != null || links >= MAX_LINKS) {
            return;
        }
        IndirectSlots next = slots.with(element, ref, callee, MAX_CACHED);
        if (next == null || next == slots) {
            return;
        }
        links++;
        slots = next;
        MethodHandle[] hits = new MethodHandle[next.size()];
        for (int i = 0; i < hits.length; i++) {
            FunctionInstance f = next.callee(i);
            JitRt.typedSiteOf(f);
            // (slot, element, fp, ..., params): the callee's typed call site, which follows it between tiers.
            hits[i] = MethodHandles.dropArguments(f.typedInvoker, 0, int.class, int.class);
        }
        MethodHandle choose = MethodHandles.tableSwitch(MethodHandles.dropArguments(generic, 0, int.class), hits);
        setTarget(MethodHandles.foldArguments(choose, next.selector(table)));
    }

    /** Whether a call_ref's operand {@code element} is the reference {@code ref}. */
    private static boolean sameRef(int ref, int element) {
        return element == ref;
    }

    /** Whether element {@code element} of {@code table} still holds the function {@code ref} names. */
    private static boolean same(TableInstance table, long ref, int element) {
        long[] elements = table.elements;
        return Integer.compareUnsigned(element, elements.length) < 0 && elements[element] == ref;
    }
}
