package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.model.TypeCode;

import java.util.Arrays;
import java.util.BitSet;

/**
 * The mark phase of a {@link GcHeap} collection: which objects some value can still reach.
 *
 * <p>Roots: the interpreter's value stack up to the end of its highest live frame (every saved frame and the one
 * allocating), the globals, tables and element segments of every instance of the store, the pinned handles (gone to
 * the host and not yet released, {@link Store#release}), the externalized ones, the payloads of exceptions the store still holds ({@link ExnRefs}), and the object being allocated.
 * From them, reference fields and elements of marked objects, which the object's type tells precisely.
 *
 * <p>The stack's slots carry no types, so the scan is conservative: a slot whose value has the object tag and names
 * an allocated handle of the same kind (struct or array, {@link GcRefs#ARRAY_BIT}) keeps that object, whether it is
 * a reference or an i64 that happens to look like one. A number can so keep an object alive, never the other way
 * round: a live reference is always marked. Precise slot types would need the validator's operand types at every
 * allocation site (and at every pc of every saved frame), for a gain only in what such a number retains.
 *
 * <p>Compiled frames keep their slots in JVM locals, which the scan cannot see. So a compiled function that may hold
 * an internal reference ({@link dev.trapdoor.engine.validate.GcRefUses}) stores the slots it wrote into its frame in
 * the value stack before every allocation and every call (a callee may allocate), and an allocation from compiled code
 * passes the end of its frame's live slots as {@code top}: every frame that can reach an allocation is below it, an
 * interpreted one in the value stack anyway and a compiled one stored there before its call. An object that leaves the
 * any hierarchy ({@code extern.convert_any}) is kept for the store's life, since any function may then hold it as an
 * {@code externref}, which compiled code does not store.
 */
final class GcCollector {
    private final GcHeap heap;
    private final BitSet marked = new BitSet();
    private int[] work = new int[256];
    private int workCount;

    private GcCollector(GcHeap heap) {
        this.heap = heap;
    }

    /**
     * @param top -1 when the allocating frame is the interpreter's running one at {@code fp}; else the end of the live
     *            slots of the compiled frame at {@code fp} that allocates
     */
    static BitSet mark(GcHeap heap, Interpreter in, int fp, int top, GcObject extra) {
        GcCollector c = new GcCollector(heap);
        c.roots(in, fp, top, extra);
        c.trace();
        return c.marked;
    }

    private void roots(Interpreter in, int fp, int top, GcObject extra) {
        for (int h = heap.pinned.nextSetBit(0); h >= 0; h = heap.pinned.nextSetBit(h + 1)) {
            markHandle(h);
        }
        for (int h = heap.externalized.nextSetBit(0); h >= 0; h = heap.externalized.nextSetBit(h + 1)) {
            markHandle(h);
        }
        if (in != null) {
            long[] s = in.stack;
            int end = Math.min(s.length, liveTop(in, fp, top));
            for (int i = 0; i < end; i++) {
                mark(s[i]);
            }
            in.store.exnRefs.forEachHeld(t -> markAll(t.values()));
        }
        for (Instance inst : heap.instances) {
            for (GlobalInstance g : inst.globals) {
                if (g != null && g.type().type().isRef()) {
                    mark(g.value);
                }
            }
            for (TableInstance t : inst.tables) {
                if (t != null) {
                    markAll(t.elements);
                }
            }
            for (long[] segment : inst.elements) {
                markAll(segment);
            }
        }
        if (extra != null) {
            markFields(extra);
        }
    }

    private void trace() {
        while (workCount > 0) {
            GcObject o = heap.objects[work[--workCount]];
            markFields(o);
        }
    }

    private void markFields(GcObject o) {
        if (o.isArray()) {
            if (TypeCode.isRef(o.type.fieldCode(0))) {
                markAll(o.values);
            }
            return;
        }
        for (int i = 0; i < o.values.length; i++) {
            if (TypeCode.isRef(o.type.fieldCode(i))) {
                mark(o.values[i]);
            }
        }
    }

    private void markAll(long[] values) {
        if (values != null) {
            for (long v : values) {
                mark(v);
            }
        }
    }

    private void mark(long v) {
        if (!GcRefs.isObject(v)) {
            return;
        }
        int h = GcRefs.handle(v);
        if (h < 0 || h >= heap.count) {
            return;
        }
        GcObject o = heap.objects[h];
        if (o != null && o.isArray() == GcRefs.isArray(v) && v == GcRefs.ref(h, o.isArray())) {
            markHandle(h);
        }
    }

    private void markHandle(int h) {
        if (marked.get(h) || heap.objects[h] == null) {
            return;
        }
        marked.set(h);
        if (workCount == work.length) {
            work = Arrays.copyOf(work, workCount * 2);
        }
        work[workCount++] = h;
    }

    /**
     * Above this slot no frame holds a value: every saved frame's end and the running one's, or the compiled frame's
     * live end {@code compiledTop} (the interpreter's running function is then one of its callers, whose frame is
     * below it).
     */
    private static int liveTop(Interpreter in, int fp, int compiledTop) {
        FunctionInstance fn = in.fn;
        long top = compiledTop >= 0 ? Math.max(in.sp, compiledTop)
                : Math.max(in.sp, fn == null || fn.code == null ? fp : fp + (long) fn.code.frameSize);
        for (int d = 0; d < in.depth && d < in.frameFn.length; d++) {
            FunctionInstance f = in.frameFn[d];
            if (f != null && f.code != null) {
                top = Math.max(top, (long) in.frameFp[d] + f.code.frameSize);
            }
        }
        return (int) Math.min(Integer.MAX_VALUE, top);
    }
}
