package dev.trapdoor.engine.exec;

import java.util.Arrays;

/**
 * A store's GC objects, by handle ({@link GcRefs}). A handle is an index into this table, which holds the JVM
 * objects. Not yet: collection. The table only grows, so an allocation loop keeps every object it made; when the
 * table cannot grow, or the JVM runs out of heap while allocating, the guest traps ("out of memory") instead of
 * an {@code OutOfMemoryError} escaping.
 */
public final class GcHeap {
    /** Handles stay below the i31 and object tags, and the table within one Java array. */
    static final int MAX_OBJECTS = Integer.MAX_VALUE - 16;

    private GcObject[] objects = new GcObject[256];
    private int count;

    synchronized long add(GcObject o) {
        if (count == objects.length) {
            if (count >= MAX_OBJECTS) {
                throw GcOps.outOfMemory();
            }
            objects = Arrays.copyOf(objects, (int) Math.min(MAX_OBJECTS, count * 2L));
        }
        objects[count] = o;
        return GcRefs.ref(count++, o.isArray());
    }

    /** The object reference {@code ref} names, or {@code null} when it names none. */
    public GcObject get(long ref) {
        if (!GcRefs.isObject(ref)) {
            return null;
        }
        int h = GcRefs.handle(ref);
        return h < count ? objects[h] : null;
    }

    /** Number of objects allocated. */
    public synchronized int size() {
        return count;
    }
}
