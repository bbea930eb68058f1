package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.error.UninstantiableException;
import dev.trapdoor.engine.text.Wat;
import dev.trapdoor.engine.trap.Trap;
import dev.trapdoor.engine.trap.TrapDetail;
import dev.trapdoor.engine.trap.TrapKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import static dev.trapdoor.engine.exec.MemoryInstance.PAGE_SIZE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A memory's storage is reserved once for its whole possible size, so grows never copy or move it; its size is what
 * accesses are checked against, on both tiers and through the host accessors, and what the budget is charged.
 */
class MemoryGrowthTest {
    private static final String WAT = "(module (memory (export \"mem\") 1)"
            + " (func (export \"grow\") (param i32) (result i32) (memory.grow (local.get 0)))"
            + " (func (export \"size\") (result i32) (memory.size))"
            + " (func (export \"load\") (param i32) (result i32) (i32.load (local.get 0)))"
            + " (func (export \"loadOff\") (param i32) (result i32) (i32.load offset=65536 (local.get 0)))"
            + " (func (export \"load8\") (param i32) (result i32) (i32.load8_u (local.get 0)))"
            + " (func (export \"load64\") (param i32) (result i64) (i64.load (local.get 0)))"
            + " (func (export \"store\") (param i32 i32) (i32.store (local.get 0) (local.get 1)))"
            + " (func (export \"store16\") (param i32 i32) (i32.store16 (local.get 0) (local.get 1))))";

    private static Instance instance(EngineConfig config) {
        return new Store(config).instantiate(Wasm.load(Wat.compile("m.wat", WAT).binary()), ImportResolver.NONE);
    }

    private static int call(Instance inst, String name, long... args) {
        return (int) inst.invoke(name, args)[0];
    }

    @Test
    void pageByPageGrowthNeverMovesTheStorage() {
        Instance inst = instance(EngineConfig.DEFAULT);
        MemoryInstance mem = inst.memory();
        long base = mem.base;
        for (int i = 1; i <= 1024; i++) {
            assertEquals(i, call(inst, "grow", 1));
            assertEquals(base, mem.base, "the storage moved at grow " + i);
        }
        assertEquals(1025, call(inst, "size"));
        assertEquals(1025 * PAGE_SIZE, mem.byteSize());
        assertEquals(MemoryInstance.MAX_PAGES_IN_JAVA * PAGE_SIZE, mem.capacity(), "reserved for the engine's limit");
        assertEquals(1025L * PAGE_SIZE, inst.store().memoryBudget().used(), "the budget is charged the size only");
    }

    @Test
    void aDeclaredMaximumBoundsTheReservation() {
        Instance inst = new Store().instantiate(Wasm.load(Wat.compile("m.wat",
                "(module (memory (export \"mem\") 1 3))").binary()), ImportResolver.NONE);
        assertEquals(3 * PAGE_SIZE, inst.memory().capacity());
        assertEquals(1, inst.memory().grow(2));
        assertEquals(-1, inst.memory().grow(1));
    }

    @Test
    void releasingAStoreFreesItsMemoriesAndGivesTheBudgetBack() {
        MemoryBudget server = new MemoryBudget(8L * PAGE_SIZE);
        Store store = new Store(EngineConfig.DEFAULT, server);
        Instance inst = store.instantiate(Wasm.load(Wat.compile("m.wat", WAT).binary()), ImportResolver.NONE);
        assertEquals(1, call(inst, "grow", 2));
        assertEquals(3L * PAGE_SIZE, server.used());
        store.releaseMemories();
        assertEquals(0, server.used(), "the server's budget has the bytes back");
        assertEquals(0, inst.memory().byteSize());
        assertOutOfBounds(() -> inst.invoke("load", 0), 0);
        Store next = new Store(EngineConfig.DEFAULT, server);
        Instance other = next.instantiate(Wasm.load(Wat.compile("m.wat", WAT).binary()), ImportResolver.NONE);
        assertEquals(1, call(other, "grow", 7), "another session gets the whole budget");
    }

    @Test
    void aFreedMemoryTrapsInsteadOfTouchingItsStorage() {
        Instance inst = instance(EngineConfig.DEFAULT);
        MemoryInstance mem = inst.memory();
        mem.writeInt(0, 7);
        mem.free();
        assertEquals(0, mem.byteSize());
        assertThrows(Trap.class, () -> mem.readInt(0));
        assertOutOfBounds(() -> inst.invoke("load", 0), 0);
        mem.free();
    }

    @Test
    void contentsSurviveTheGrowsThatMoveThem() {
        Instance inst = instance(EngineConfig.DEFAULT);
        for (int page = 0; page < 40; page++) {
            inst.invoke("store", (long) page * PAGE_SIZE + 8, page * 31 + 7);
            call(inst, "grow", 1);
        }
        for (int page = 0; page < 40; page++) {
            assertEquals(page * 31 + 7, call(inst, "load", (long) page * PAGE_SIZE + 8));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Tier.class, names = {"INTERPRETER", "COMPILED"})
    void accessesPastTheSizeTrapThoughTheArrayIsLonger(Tier tier) {
        Instance inst = instance(EngineConfig.DEFAULT.withTier(tier));
        MemoryInstance mem = inst.memory();
        assertEquals(1, call(inst, "grow", 1));
        assertEquals(2, call(inst, "grow", 1));
        int size = 3 * PAGE_SIZE;
        assertTrue(mem.capacity() > size, "the test needs capacity beyond the size: " + mem.capacity());
        assertEquals(3, call(inst, "size"));
        // Past the size the storage is undefined until a grow zeroes it: a mark shows whether anything wrote there.
        RawMemory.putByte(mem.base, size, (byte) 0x5A);

        inst.invoke("store", size - 4, 0x11223344);
        assertEquals(0x11223344, call(inst, "load", size - 4));
        assertEquals(0x11, call(inst, "load8", size - 1));
        assertEquals(0x11223344, call(inst, "loadOff", size - 4 - PAGE_SIZE));
        assertOutOfBounds(() -> inst.invoke("load", size - 3), size);
        assertOutOfBounds(() -> inst.invoke("load8", size), size);
        assertOutOfBounds(() -> inst.invoke("load64", size - 4), size);
        assertOutOfBounds(() -> inst.invoke("loadOff", size - PAGE_SIZE), size);
        assertOutOfBounds(() -> inst.invoke("store", size - 2, 1), size);
        assertOutOfBounds(() -> inst.invoke("store16", size - 1, 1), size);
        assertOutOfBounds(() -> inst.invoke("load", -1), size);
        assertEquals(0x5A, RawMemory.getByte(mem.base, size), "a faulting store wrote nothing past the size");
        // The mark is the test's, not the guest's: a mapped block's grow trusts that nothing wrote past the sizes the
        // memory had, so the zero goes back.
        RawMemory.putByte(mem.base, size, (byte) 0);

        assertEquals(3, call(inst, "grow", 1));
        assertEquals(0, call(inst, "load", size), "the grown page reads as zeros");
        inst.invoke("store", size, 5);
        assertEquals(5, call(inst, "load", size));
    }

    private static void assertOutOfBounds(org.junit.jupiter.api.function.Executable access, int size) {
        Trap t = assertThrows(Trap.class, access);
        assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS, t.kind());
        var detail = assertInstanceOf(TrapDetail.MemoryAccess.class, t.detail());
        assertEquals(size, detail.memorySize(), "the trap names the size, not the capacity");
    }

    @Test
    void hostAccessorsStopAtTheSize() {
        Instance inst = instance(EngineConfig.DEFAULT);
        MemoryInstance mem = inst.memory();
        call(inst, "grow", 2);
        int size = mem.byteSize();
        mem.writeInt(size - 4, 7);
        assertEquals(7, mem.readInt(size - 4));
        assertTrue(!mem.inBounds(size - 3, 4));
        Trap t = assertThrows(Trap.class, () -> mem.readByte(size));
        assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS, t.kind());
        assertThrows(Trap.class, () -> mem.read(size - 8, 16));
        assertThrows(Trap.class, () -> mem.fill(size, 1, (byte) 1));
    }

    @Test
    void aGrowPastTheBudgetReturnsMinusOneAndChangesNothing() {
        Instance inst = instance(EngineConfig.DEFAULT.withMaxMemory(5L * PAGE_SIZE));
        MemoryInstance mem = inst.memory();
        assertEquals(1, call(inst, "grow", 3));
        assertEquals(-1, call(inst, "grow", 2), "4 + 2 pages is past the 5-page budget");
        assertEquals(4, call(inst, "size"));
        assertEquals(4, call(inst, "grow", 1), "up to the budget exactly");
        assertEquals(-1, call(inst, "grow", 1));
        assertEquals(5, call(inst, "size"));
        assertEquals(5L * PAGE_SIZE, inst.store().memoryBudget().used());
        assertEquals(5, call(inst, "grow", 0), "growing by 0 always succeeds");
    }

    @Test
    void instantiationPastTheBudgetNamesTheSizes() {
        Store store = new Store(EngineConfig.DEFAULT.withMaxMemory(3L * PAGE_SIZE));
        var module = Wasm.load(Wat.compile("big.wat", "(module (memory 4))").binary());
        UninstantiableException e = assertThrows(UninstantiableException.class,
                () -> store.instantiate(module, ImportResolver.NONE));
        assertTrue(e.getMessage().contains("262144 bytes (4 pages)"), e.getMessage());
        assertTrue(e.getMessage().contains("limit of 196608 bytes"), e.getMessage());
        assertEquals(0, store.memoryBudget().used());
    }

    @Test
    void storesSharingABudgetCannotTogetherPassIt() {
        MemoryBudget server = new MemoryBudget(6L * PAGE_SIZE);
        EngineConfig perSession = EngineConfig.DEFAULT.withMaxMemory(4L * PAGE_SIZE);
        var module = Wasm.load(Wat.compile("m.wat", WAT).binary());
        Store a = new Store(perSession, server);
        Store b = new Store(perSession, server);
        Instance ia = a.instantiate(module, ImportResolver.NONE);
        Instance ib = b.instantiate(module, ImportResolver.NONE);
        assertEquals(1, call(ia, "grow", 3));
        assertEquals(-1, call(ib, "grow", 2), "a holds 4 pages of the server's 6, b already 1");
        assertEquals(1, call(ib, "grow", 1));
        assertEquals(6L * PAGE_SIZE, server.used());

        a.memoryBudget().releaseAll();
        assertEquals(2L * PAGE_SIZE, server.used());
        assertEquals(2, call(ib, "grow", 2), "a's share is free again");
        assertEquals(-1, call(ib, "grow", 1), "b's own limit is 4 pages");
    }

    @Test
    void aChargeTheParentRefusesIsNotKept() {
        MemoryBudget parent = new MemoryBudget(100);
        MemoryBudget child = new MemoryBudget(1000, parent);
        assertTrue(child.tryCharge(60));
        assertTrue(!child.tryCharge(60));
        assertEquals(60, child.used());
        assertEquals(60, parent.used());
        assertEquals(40, child.available());
        assertEquals(100, child.effectiveLimit());
        child.release(60);
        assertEquals(0, parent.used());
    }

    @Test
    void theCheckedIndexThrowsExactlyPastTheSize() {
        assertEquals(12, MemoryInstance.checked(12, 16, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> MemoryInstance.checked(13, 16, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> MemoryInstance.checked(-8, 16, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> MemoryInstance.checked(0, 0, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> MemoryInstance.checked(0, 2, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> Interpreter.ea(0x7FFF_FFF0, 0x20, 1 << 20, 1),
                "2^31 and above fault");
        assertEquals(24, Interpreter.ea(8, 16, 32, 8), "the last 8 bytes of 32");
        assertThrows(IndexOutOfBoundsException.class, () -> Interpreter.ea(8, 17, 32, 8));
    }
}
