package dev.trapdoor.engine.exec;

/**
 * A memory could not be created because its minimum size does not fit in the store's {@link MemoryBudget}. The
 * instantiator turns it into an {@code UninstantiableException} with the same message.
 */
public final class MemoryLimitException extends RuntimeException {
    public MemoryLimitException(long requested, MemoryBudget budget) {
        super(String.format("%d bytes (%d pages) requested, over the memory limit of %d bytes (%d bytes free)",
                requested, requested / MemoryInstance.PAGE_SIZE, budget.effectiveLimit(), Math.max(0, budget.available())));
    }
}
