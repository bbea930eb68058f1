package dev.trapdoor.engine.exec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * A store's GC objects, by handle ({@link GcRefs}). A handle is an index into this table, which holds the JVM
 * objects; the JVM collects an object once the table lets go of it, which {@link GcCollector} decides.
 *
 * <p>Allocation from running code ({@link #add(GcObject, Interpreter, int)}) collects first when the table holds
 * twice what the last collection kept (at least {@link #FIRST_COLLECTION}) or the objects allocated since hold more
 * than {@link #BYTES_BETWEEN_COLLECTIONS}; freed handles are given out again. Allocation during instantiation (constant
 * expressions, whose values live in Java locals until stored) never collects. When the JVM runs out of heap while
 * allocating, a collection runs and the allocation is tried once more; failing again, the guest traps
 * ("out of memory") instead of an {@code OutOfMemoryError} escaping.
 */
public final class GcHeap {
    /** Handles stay below the i31 and object tags, and the table within one Java array. */
    static final int MAX_OBJECTS = Integer.MAX_VALUE - 16;
    static final int FIRST_COLLECTION = 1 << 16;
    static final long BYTES_BETWEEN_COLLECTIONS = 64L << 20;

    GcObject[] objects = new GcObject[256];
    /** Handles below this have been given out; those whose object is null are free. */
    int count;
    private int[] free = new int[64];
    private int freeCount;
    private int live;
    private int collectAt = FIRST_COLLECTION;
    private long bytesSince;
    /** Handles that went out to the host (invoke results, host-function arguments): never collected. */
    final BitSet pinned = new BitSet();
    /** Instances whose globals, tables and element segments are roots: every instance of the store. */
    final List<Instance> instances = new ArrayList<>();
    private int collections;

    /** Adds an object made outside running code (a constant expression): never collects. */
    synchronized long add(GcObject o) {
        return store(o);
    }

    /**
     * Adds an object {@code o} the code running in {@code in}, in the frame at {@code fp}, made; collects first when
     * due. {@code o} itself is a root of that collection, its fields being its operands.
     */
    synchronized long add(GcObject o, Interpreter in, int fp) {
        bytesSince += o.bytes();
        if (live >= collectAt || bytesSince > BYTES_BETWEEN_COLLECTIONS) {
            collect(in, fp, o);
        }
        try {
            return store(o);
        } catch (OutOfMemoryError e) {
            collect(in, fp, o);
            return store(o);
        }
    }

    /** Runs a collection now, with {@code extra} (may be null) as a root; for an allocation that failed. */
    synchronized void collect(Interpreter in, int fp, GcObject extra) {
        BitSet marked = GcCollector.mark(this, in, fp, extra);
        live = 0;
        for (int h = 0; h < count; h++) {
            if (objects[h] == null) {
                continue;
            }
            if (marked.get(h)) {
                live++;
            } else {
                objects[h] = null;
                if (freeCount == free.length) {
                    free = Arrays.copyOf(free, freeCount * 2);
                }
                free[freeCount++] = h;
            }
        }
        // Lowest handles first: reused slots cluster at the start of the table.
        sortFreeDescending();
        collectAt = (int) Math.min(MAX_OBJECTS, Math.max(FIRST_COLLECTION, 2L * live));
        bytesSince = 0;
        collections++;
    }

    private void sortFreeDescending() {
        Arrays.sort(free, 0, freeCount);
        for (int i = 0, j = freeCount - 1; i < j; i++, j--) {
            int t = free[i];
            free[i] = free[j];
            free[j] = t;
        }
    }

    private long store(GcObject o) {
        int h;
        if (freeCount > 0) {
            h = free[--freeCount];
        } else {
            if (count == objects.length) {
                if (count >= MAX_OBJECTS) {
                    throw GcOps.outOfMemory();
                }
                objects = Arrays.copyOf(objects, (int) Math.min(MAX_OBJECTS, count * 2L));
            }
            h = count++;
        }
        objects[h] = o;
        live++;
        return GcRefs.ref(h, o.isArray());
    }

    /** The instance's globals, tables and element segments become roots (before its constant expressions run). */
    synchronized void watch(Instance inst) {
        instances.add(inst);
    }

    /** {@code ref} went out to the host, which may hand it back at any time: it is never collected. */
    synchronized void pin(long ref) {
        if (GcRefs.isObject(ref) && get(ref) != null) {
            pinned.set(GcRefs.handle(ref));
        }
    }

    /** Pins every object among {@code values} (the API's flat arguments or results, or a payload). */
    void pinAll(long[] values) {
        if (values != null) {
            for (long v : values) {
                if (GcRefs.isObject(v)) {
                    pin(v);
                }
            }
        }
    }

    /** The object reference {@code ref} names, or {@code null} when it names none. */
    public synchronized GcObject get(long ref) {
        if (!GcRefs.isObject(ref)) {
            return null;
        }
        int h = GcRefs.handle(ref);
        return h >= 0 && h < count ? objects[h] : null;
    }

    /** Number of objects the table holds now (live, or not yet collected). */
    public synchronized int size() {
        return live;
    }

    /** Length of the table: what it can hold without growing. */
    public synchronized int capacity() {
        return objects.length;
    }

    /** Collections run so far. */
    public synchronized int collections() {
        return collections;
    }
}
