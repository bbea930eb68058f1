package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.error.WasmException;

/**
 * A memory could not be created because its minimum size does not fit in the store's {@link MemoryBudget}. The
 * instantiator turns it into an {@code UninstantiableException} with the same message; a host that creates a memory
 * itself gets this one.
 */
public final class MemoryLimitException extends WasmException {
    public MemoryLimitException(long requested, MemoryBudget budget) {
        super(String.format("%d bytes (%d pages) requested, over the memory limit of %d bytes (%d bytes free)",
                requested, requested / MemoryInstance.PAGE_SIZE, budget.effectiveLimit(),
                Math.max(0, budget.available())));
    }
}
