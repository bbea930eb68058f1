package dev.trapdoor.engine.exec;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes of linear memory that a store, or a server's stores together, may hold. Memories charge what they allocate
 * (their reserved capacity, not only their current size, since that is what occupies the heap) and a grow that the
 * budget cannot cover fails. A budget with a parent charges both, so one session can take no more than its own limit
 * nor, with the others, more than the server's. Thread-safe: sessions on one server run on their own threads.
 */
public final class MemoryBudget {
    /** No limit but the JVM's heap. */
    public static final long UNLIMITED = Long.MAX_VALUE;

    private final long limit;
    private final MemoryBudget parent;
    private final AtomicLong used = new AtomicLong();

    public MemoryBudget(long limit) {
        this(limit, null);
    }

    /** A budget of {@code limit} bytes whose charges also count against {@code parent} (which may be null). */
    public MemoryBudget(long limit, MemoryBudget parent) {
        if (limit < 0) {
            throw new IllegalArgumentException("a memory budget must not be negative: " + limit);
        }
        this.limit = limit;
        this.parent = parent;
    }

    public long limit() {
        return limit;
    }

    /** The smallest limit of this budget and its ancestors. */
    public long effectiveLimit() {
        return parent == null ? limit : Math.min(limit, parent.effectiveLimit());
    }

    /** Bytes charged now. */
    public long used() {
        return used.get();
    }

    /** Bytes that can still be charged here and in every ancestor. */
    public long available() {
        long own = limit - used.get();
        return parent == null ? own : Math.min(own, parent.available());
    }

    /** Charges {@code bytes} if this budget and its ancestors all have room; otherwise charges nothing. */
    public boolean tryCharge(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative charge " + bytes);
        }
        for (;;) {
            long u = used.get();
            if (bytes > limit - u) {
                return false;
            }
            if (used.compareAndSet(u, u + bytes)) {
                break;
            }
        }
        if (parent != null && !parent.tryCharge(bytes)) {
            used.addAndGet(-bytes);
            return false;
        }
        return true;
    }

    /** Charges {@code bytes} whatever the limit: for a size that was charged before and is being restored. */
    void forceCharge(long bytes) {
        used.addAndGet(bytes);
        if (parent != null) {
            parent.forceCharge(bytes);
        }
    }

    /** Gives back bytes charged earlier (a memory that released its storage). */
    public void release(long bytes) {
        used.addAndGet(-bytes);
        if (parent != null) {
            parent.release(bytes);
        }
    }

    /**
     * Gives back to the parent everything still charged here: the store is finished and its memories are garbage.
     * Charges made afterwards count again.
     */
    public void releaseAll() {
        release(used.get());
    }

    @Override
    public String toString() {
        return limit == UNLIMITED ? "unlimited (" + used() + " bytes used)" : used() + " of " + limit + " bytes used";
    }
}
