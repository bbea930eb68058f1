package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.debug.DebugEvent;
import dev.trapdoor.engine.debug.DebugTerminated;
import dev.trapdoor.engine.debug.Resume;
import dev.trapdoor.engine.model.Limits;
import dev.trapdoor.engine.model.MemoryType;
import dev.trapdoor.engine.testing.Switches;
import dev.trapdoor.engine.text.Wat;
import dev.trapdoor.engine.trap.Trap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.trapdoor.engine.exec.MemoryInstance.PAGE_SIZE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With {@code -Dtrapdoor.memory.map=true}, a memory's storage is a private mapping of a deleted sparse file when one
 * can be had ({@link NativeBlock}), which
 * is zero without being written: grows into it write nothing, and only the pages the guest touches cost memory. Grows
 * into storage the guest has used before (after a step back brought a smaller size back) still read as zero, and the
 * allocated fallback behaves the same. Linux only for what {@code /proc/self} shows.
 */
class LazyZeroMemoryTest {
    private static final Path MAPS = Path.of("/proc/self/smaps");

    // Mapping is opt-in (see NativeBlock): these tests turn it on, and some back off again.
    @RegisterExtension
    final Switches switches = Switches.kept().set(NativeBlock.MAP_PROPERTY, "true");

    @Test
    void aMappedMemoryCostsOnlyThePagesTheGuestTouches() throws IOException {
        assumeMappable();
        MemoryInstance mem = new MemoryInstance(new MemoryType(new Limits(1, Limits.NO_MAX, false)));
        Mapping m = mapping(mem.base);
        assertTrue(m != null && m.name.contains("trapdoor-memory-") && m.name.endsWith("(deleted)"),
                "a mapping of a deleted temp file: " + m);
        for (int p = 1; p <= 1024; p++) {
            assertEquals(p, mem.grow(1));
            // The write first: a read fault on a file mapping maps the pages around it too, a write fault does not.
            mem.writeByte((long) p * PAGE_SIZE, (byte) 1);
            assertEquals(0, mem.readLong((long) p * PAGE_SIZE + 8), "a grown page reads as zero");
        }
        long rssKiB = mapping(mem.base).rssKiB;
        // One 4 KiB page touched per grown page (a little more where the kernel maps around a fault), where writing
        // zeros over each grow would have touched all 64 MiB.
        assertTrue(rssKiB < 16 * 1024, "resident KiB of the 64 MiB grown: " + rssKiB);
        mem.free();
        assertEquals(null, mapping(mem.base), "unmapped when freed");
    }

    @Test
    void noTempFileOutlivesItsMapping() throws IOException {
        assumeMappable();
        MemoryInstance mem = new MemoryInstance(new MemoryType(new Limits(1, Limits.NO_MAX, false)));
        String name = mapping(mem.base).name;
        assertTrue(name.endsWith(" (deleted)"), name);
        Path file = Path.of(name.substring(0, name.length() - " (deleted)".length()));
        assertEquals(Path.of(System.getProperty("java.io.tmpdir")).toRealPath(), file.getParent());
        assertFalse(Files.exists(file), "deleted as soon as mapped: " + file);
        mem.free();
    }

    @Test
    void theFallbackIsAllocatedAndZeroesEachGrow() throws IOException {
        System.setProperty(NativeBlock.MAP_PROPERTY, "false");
        MemoryInstance mem = new MemoryInstance(new MemoryType(new Limits(1, Limits.NO_MAX, false)));
        if (Files.exists(MAPS)) {
            Mapping m = mapping(mem.base);
            assertFalse(m != null && m.name.contains("trapdoor-memory-"), "not a file mapping: " + m);
        }
        assertEquals(0, mem.readLong(8));
        assertEquals(1, mem.grow(2));
        // Allocated storage is undefined past the size: what is there must not show after a grow.
        RawMemory.putLong(mem.base, 3 * PAGE_SIZE + 8, -1);
        assertEquals(3, mem.grow(1));
        assertEquals(0, mem.readLong(3 * PAGE_SIZE + 8));
        mem.writeInt(3 * PAGE_SIZE, 7);
        assertEquals(7, mem.readInt(3 * PAGE_SIZE));
        mem.free();
        assertEquals(0, mem.byteSize());
    }

    /** A memory whose reservation is too small to be worth a file is allocated, whatever the setting. */
    @Test
    void aSmallReservationIsAllocated() throws IOException {
        Assumptions.assumeTrue(Files.exists(MAPS), "*** no /proc/self/smaps: not Linux, mappings not checked");
        MemoryInstance mem = new MemoryInstance(new MemoryType(new Limits(1, 2, false)));
        Mapping m = mapping(mem.base);
        assertFalse(m != null && m.name.contains("trapdoor-memory-"), "not a file mapping: " + m);
        assertEquals(1, mem.grow(1));
        assertEquals(0, mem.readLong(PAGE_SIZE + 16));
        mem.free();
    }

    /**
     * A program grows its memory, reads the new page, then writes it and traps. Going back from the trap to the start
     * of the recording gives the memory its old, smaller size while the bytes past it keep what the guest wrote;
     * running forward again grows over them, and the read must see zeros again, with the mapped block and the
     * allocated one.
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aGrowAfterAStepBackToASmallerSizeReadsZeros(boolean mapped) {
        if (!mapped) {
            System.setProperty(NativeBlock.MAP_PROPERTY, "false");
        }
        String wat = """
                (module (memory (export "mem") 1)
                  (func (export "main")
                    (drop (memory.grow (i32.const 1)))
                    (i32.store (i32.const 0) (i32.load (i32.const 65540)))
                    (i32.store (i32.const 65540) (i32.const 0xAB))
                    unreachable))
                """;
        Store store = new Store(EngineConfig.DEFAULT.withTranslation(TranslationLevel.EXACT));
        Instance instance = store.instantiate(Wasm.load(Wat.compile("regrow.wat", wat).binary()),
                ImportResolver.NONE);
        MemoryInstance mem = instance.memory();
        Recording recording = store.debugger().record(instance, 3, Recording.DEFAULT_BUDGET_BYTES);
        List<String> seen = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        store.debugger().setHandler((event, frames) -> {
            try {
                if (event instanceof DebugEvent.Trap) {
                    seen.add("trap: read " + mem.readInt(0) + ", wrote " + mem.readInt(65540) + ", pages "
                            + mem.pages());
                    return seen.size() == 1 ? Resume.REVERSE_CONTINUE : Resume.TERMINATE;
                }
                if (event instanceof DebugEvent.Step) {
                    seen.add("back at the start: pages " + mem.pages() + ", "
                            + RawMemory.getInt(mem.base, 65540) + " past the size");
                }
                return Resume.CONTINUE;
            } catch (Throwable t) {
                failures.add(t);
                return Resume.TERMINATE;
            }
        });
        try {
            instance.function("main").call();
        } catch (Trap | DebugTerminated expected) {
            // the program ends in unreachable, or the handler ended it
        }
        assertEquals(List.of(), failures);
        assertTrue(recording.position() > 0);
        assertEquals(List.of("trap: read 0, wrote 171, pages 2", "back at the start: pages 1, 171 past the size",
                "trap: read 0, wrote 171, pages 2"), seen);
        store.releaseMemories();
    }

    /** Skips, loudly, where memories cannot be mapped files or the mappings cannot be seen. */
    private static void assumeMappable() throws IOException {
        Assumptions.assumeTrue(Files.exists(MAPS), "*** no /proc/self/smaps: not Linux, mappings not checked");
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Assumptions.assumeFalse("tmpfs".equals(Files.getFileStore(tmp).type()),
                "*** java.io.tmpdir is a tmpfs: memories take the allocated fallback, mappings not checked");
    }

    private record Mapping(String name, long rssKiB) {
    }

    /** The mapping that starts at {@code address} in {@code /proc/self/smaps}, or null. */
    private static Mapping mapping(long address) throws IOException {
        List<String> lines = Files.readAllLines(MAPS);
        String start = Long.toHexString(address) + "-";
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(start)) {
                String[] head = lines.get(i).trim().split("\\s+", 6);
                for (int j = i + 1; j < lines.size(); j++) {
                    if (lines.get(j).startsWith("Rss:")) {
                        long kib = Long.parseLong(lines.get(j).replaceAll("[^0-9]", ""));
                        return new Mapping(head.length > 5 ? head[5] : "", kib);
                    }
                }
            }
        }
        return null;
    }
}
