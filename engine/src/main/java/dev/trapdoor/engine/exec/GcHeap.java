package dev.trapdoor.engine.exec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * A store's GC objects, by handle ({@link GcRefs}). A handle is an index into this table, which holds the JVM
 * objects; the JVM collects an object once the table lets go of it, which {@link GcCollector} decides.
 *
 * <p>Allocation from running code ({@link #add(GcObject, Interpreter, int, int)}) collects first when the table holds
 * twice what the last collection kept (at least {@link #FIRST_COLLECTION}) or the objects allocated since hold more
 * than {@link #BYTES_BETWEEN_COLLECTIONS}; freed handles are given out again. Allocation during instantiation (constant
 * expressions, whose values live in Java locals until stored) never collects.
 *
 * <p>The objects' bytes (estimated: {@link GcObject#bytes}) are charged, in chunks, to the store's
 * {@link MemoryBudget} (which its linear memories share) and kept under half the JVM's maximum heap, so
 * that a guest hoarding reachable objects traps ("out of memory") while the host still has room to go on. An
 * allocation that does not fit collects first and traps only if it still does not. Should the JVM run out all the
 * same (other stores, the host), the allocating instruction collects and runs once more, and traps when it fails
 * again, instead of an {@code OutOfMemoryError} escaping ({@link GcOps#exec}).
 */
public final class GcHeap {
    /** Handles stay below the i31 and object tags, and the table within one Java array. */
    static final int MAX_OBJECTS = Integer.MAX_VALUE - 16;
    static final int FIRST_COLLECTION = 1 << 16;
    static final long BYTES_BETWEEN_COLLECTIONS = 64L << 20;
    /** Charges to the budget are taken in chunks of this, so that most allocations only add to a counter. */
    private static final long CHUNK = 4L << 20;
    private static final long JVM_SHARE = Runtime.getRuntime().maxMemory() / 2;

    GcObject[] objects = new GcObject[256];
    /** Handles below this have been given out; those whose object is null are free. */
    int count;
    private int[] free = new int[64];
    private int freeCount;
    private int live;
    private int collectAt = FIRST_COLLECTION;
    private long bytesSince;
    /**
     * Handles that went out to the host (invoke results, host-function arguments, escaping exceptions' payloads):
     * kept until the host releases them ({@link Store#release}).
     */
    final BitSet pinned = new BitSet();
    /** Handles {@code extern.convert_any} made external: kept for the store's life (compiled code may hold them). */
    final BitSet externalized = new BitSet();
    /** Instances whose globals, tables and element segments are roots: every instance of the store. */
    final List<Instance> instances = new ArrayList<>();
    private int collections;
    private final MemoryBudget budget;
    /** Estimated bytes of the objects in the table, and what is charged to {@link #budget} for them. */
    private long liveBytes;
    private long charged;

    GcHeap(MemoryBudget budget) {
        this.budget = budget;
    }

    /** Adds an object made outside running code (a constant expression): never collects. */
    synchronized long add(GcObject o) {
        if (!reserve(o.bytes())) {
            throw full(o);
        }
        return store(o);
    }

    /**
     * Adds an object {@code o} the code running in {@code in}, in the frame at {@code fp}, made; collects first when
     * due. {@code o} itself is a root of that collection, its fields being its operands. {@code top} is -1 when the
     * frame is the interpreter's running one, else the end of a compiled frame's live slots ({@link GcCollector}).
     */
    synchronized long add(GcObject o, Interpreter in, int fp, int top) {
        long bytes = o.bytes();
        bytesSince += bytes;
        if (live >= collectAt || bytesSince > BYTES_BETWEEN_COLLECTIONS || !reserve(bytes)) {
            collect(in, fp, top, o);
            if (!reserve(bytes)) {
                throw full(o);
            }
        }
        try {
            return store(o);
        } catch (OutOfMemoryError e) {
            collect(in, fp, top, o);
            return store(o);
        }
    }

    /**
     * Runs a collection now, with {@code extra} (may be null) as a root; for an allocation that failed. {@code fp} and
     * {@code top} as for {@link #add(GcObject, Interpreter, int, int)}.
     */
    synchronized void collect(Interpreter in, int fp, int top, GcObject extra) {
        BitSet marked = GcCollector.mark(this, in, fp, top, extra);
        live = 0;
        liveBytes = 0;
        for (int h = 0; h < count; h++) {
            if (objects[h] == null) {
                continue;
            }
            if (marked.get(h)) {
                live++;
                liveBytes += objects[h].bytes();
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
        if (charged - liveBytes > 2 * CHUNK) {
            long surplus = charged - liveBytes - CHUNK;
            budget.release(surplus);
            charged -= surplus;
        }
    }

    /** Counts {@code bytes} more as live, charging another chunk when needed; false when neither limit allows. */
    private boolean reserve(long bytes) {
        if (liveBytes + bytes > JVM_SHARE) {
            return false;
        }
        long need = liveBytes + bytes - charged;
        if (need > 0) {
            long chunk = Math.max(need, CHUNK);
            if (!budget.tryCharge(chunk)) {
                if (chunk == need || !budget.tryCharge(need)) {
                    return false;
                }
                chunk = need;
            }
            charged += chunk;
        }
        liveBytes += bytes;
        return true;
    }

    private TrapSignal full(GcObject o) {
        return GcOps.outOfMemory(String.format("the GC heap holds %d bytes of reachable objects; %d more do not fit"
                + " in the memory limit (%s) or in half the JVM's heap (%d bytes)", liveBytes, o.bytes(),
                budget.effectiveLimit() == MemoryBudget.UNLIMITED ? "none" : budget.effectiveLimit() + " bytes",
                JVM_SHARE));
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

    /** An instance of {@code module} in this store, or {@code null}. */
    synchronized Instance instanceOf(dev.trapdoor.engine.model.WasmModule module) {
        for (Instance inst : instances) {
            if (inst.module == module) {
                return inst;
            }
        }
        return null;
    }

    /** {@code ref} went out to the host, which may hand it back at any time: it is never collected. */
    synchronized void pin(long ref) {
        if (GcRefs.isObject(ref) && get(ref) != null) {
            pinned.set(GcRefs.handle(ref));
        }
    }

    /** {@code ref} became an external reference, which slots no collection scans may hold: it is never collected. */
    synchronized void externalize(long ref) {
        if (GcRefs.isObject(ref) && get(ref) != null) {
            externalized.set(GcRefs.handle(ref));
        }
    }

    /** The host holds no copy of {@code ref} any more: unless something else reaches it, it may be collected. */
    synchronized void release(long ref) {
        if (GcRefs.isObject(ref)) {
            pinned.clear(GcRefs.handle(ref));
        }
    }

    /** Handles the host holds now (pinned, not released). */
    synchronized int hostHeld() {
        return pinned.cardinality();
    }

    /**
     * Pins the objects among {@code flat}, values of {@code types} (a v128 takes two longs): only reference-typed ones,
     * so an i64 that looks like a handle pins nothing.
     */
    void pinRefs(dev.trapdoor.engine.model.ValType[] types, long[] flat) {
        if (flat == null) {
            return;
        }
        int j = 0;
        for (int i = 0; i < types.length && j < flat.length; i++) {
            if (types[i].isRef() && GcRefs.isObject(flat[j])) {
                pin(flat[j]);
            }
            j += types[i] == dev.trapdoor.engine.model.ValType.V128 ? 2 : 1;
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

    /**
     * The object reference {@code ref} names, or {@code null} when it names none. Not synchronized: every field access
     * calls it, on the thread that also allocates and collects (a debugger reads while that thread is stopped).
     */
    public GcObject get(long ref) {
        if (!GcRefs.isObject(ref)) {
            return null;
        }
        int h = GcRefs.handle(ref);
        GcObject[] table = objects;
        return h >= 0 && h < table.length ? table[h] : null;
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
