package dev.trapdoor.dap.session;

import dev.trapdoor.engine.trap.TrapKind;
import org.eclipse.lsp4j.debug.ExceptionBreakpointsFilter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Each GC trap kind has its own exception filter, labelled with the spec's message, that selects only that kind. */
class GcTrapFiltersTest {
    @ParameterizedTest
    @EnumSource(value = TrapKind.class, names = {"CAST_FAILURE", "NULL_STRUCTURE_REFERENCE", "NULL_ARRAY_REFERENCE",
            "NULL_I31_REFERENCE", "ARRAY_OUT_OF_BOUNDS", "OUT_OF_MEMORY"})
    void aGcTrapKindHasItsOwnFilter(TrapKind kind) {
        String id = ExceptionFilters.filterId(kind);
        ExceptionBreakpointsFilter advertised = Arrays.stream(ExceptionFilters.advertised())
                .filter(f -> f.getFilter().equals(id)).findFirst().orElseThrow(() -> new AssertionError(id));
        assertEquals("Trap: " + kind.message(), advertised.getLabel());
        ExceptionFilters filters = new ExceptionFilters();
        filters.set(new String[] {id}, null);
        for (TrapKind other : TrapKind.values()) {
            assertEquals(other == kind, filters.conditions(other).isPresent(), id + " for " + other);
        }
    }
}
