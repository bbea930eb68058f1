package dev.trapdoor.engine.dwarf;

import dev.trapdoor.engine.model.CodeOffsets;

import java.util.concurrent.atomic.AtomicInteger;

/** What every reader of one module's DWARF shares: its sections, its code bounds, its warnings, a parse counter. */
final class DwarfContext {
    final DwarfSections sections;
    final CodeOffsets code;
    final Warnings warnings = new Warnings();
    private final AtomicInteger parses = new AtomicInteger();

    DwarfContext(DwarfSections sections, CodeOffsets code) {
        this.sections = sections;
        this.code = code;
    }

    /** Called by each lazy stage when it actually reads, so tests can prove that construction reads nothing. */
    void countParse() {
        parses.incrementAndGet();
    }

    int parseCount() {
        return parses.get();
    }
}
