package dev.trapdoor.engine.coredump;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.debug.DebugEvent;
import dev.trapdoor.engine.debug.Resume;
import dev.trapdoor.engine.error.MalformedModuleException;
import dev.trapdoor.engine.error.UninstantiableException;
import dev.trapdoor.engine.exec.EngineConfig;
import dev.trapdoor.engine.exec.ImportResolver;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.exec.Store;
import dev.trapdoor.engine.model.ValType;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.testing.Wabt;
import dev.trapdoor.engine.trap.Trap;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A trap's coredump: taken from the debugger's frames, written, read back by our reader, checked against
 * {@code wasm-objdump}'s view of its sections and {@code wasm-validate}, and restored into a fresh instance.
 */
class CoredumpTest {
    private static final String WAT = """
            (module
              (memory 2 5)
              (global $counter (mut i32) (i32.const 7))
              (global $big i64 (i64.const -5))
              (global $ratio (mut f64) (f64.const 2.5))
              (func $inner (param $p i32) (param $q f32) (result i32) (local $t i64)
                (i64.store (i32.const 1000) (i64.const 0x1122334455667788))
                (i32.store8 (i32.const 70000) (i32.const 0xAB))
                (global.set $counter (i32.const -3))
                (local.set $t (i64.const -42))
                (i32.const 99)
                (f64.const 1.5)
                (drop)
                (i32.div_s (local.get $p) (i32.const 0))
                (i32.add))
              (func (export "outer") (param $x i32) (result i32)
                (i32.const 11)
                (i32.add (call $inner (i32.add (local.get $x) (i32.const 1)) (f32.const -0.25))))
            )
            """;

    private record Trapped(byte[] wasm, Instance instance, Coredump dump) {
    }

    private static Trapped trap(EngineConfig config) {
        byte[] wasm = Wabt.wat(WAT);
        Store store = new Store(config);
        Coredump[] dump = new Coredump[1];
        store.debugger().setEntryEvents(false);
        Instance[] instance = new Instance[1];
        store.debugger().setHandler((event, frames) -> {
            if (event instanceof DebugEvent.Trap t) {
                dump[0] = CoredumpCapture.capture("prog.wasm", instance[0], t, frames);
            }
            return Resume.CONTINUE;
        });
        instance[0] = store.instantiate(Wasm.load(wasm), ImportResolver.NONE);
        assertThrows(Trap.class, () -> instance[0].invoke("outer", 41));
        return new Trapped(wasm, instance[0], dump[0]);
    }

    @Test
    void framesHoldLocalsAndOperandStacks() {
        for (EngineConfig config : List.of(EngineConfig.DEFAULT, EngineConfig.DEFAULT.withTranslation(
                dev.trapdoor.engine.exec.TranslationLevel.EXACT))) {
            Trapped t = trap(config);
            Coredump dump = CoredumpReader.read(CoredumpWriter.write(t.dump()));
            assertEquals("prog.wasm", dump.processName());
            assertEquals(List.of("prog.wasm"), dump.modules());
            assertEquals("main", dump.threadName());
            assertEquals(new CoreTrap("INTEGER_DIVIDE_BY_ZERO", t.dump().trap().detail()), dump.trap());
            assertEquals(2, dump.frames().size());

            CoreFrame inner = dump.frames().get(0);
            assertEquals(0, inner.funcIndex());
            assertEquals(List.of(new CoreValue(ValType.I32, 42), new CoreValue(ValType.F32,
                    Float.floatToRawIntBits(-0.25f) & 0xFFFF_FFFFL), new CoreValue(ValType.I64, -42)), inner.locals());
            assertEquals(List.of(new CoreValue(ValType.I32, 99), new CoreValue(ValType.I32, 42),
                    new CoreValue(ValType.I32, 0)), inner.stack(), "99 below the division's operands");
            int divAt = Wabt.offsetOf(t.wasm(), 0, "i32.div_s", 0);
            assertEquals(divAt, CoreOffsets.moduleOffset(Wasm.load(t.wasm()), 0, inner.codeOffset()));

            CoreFrame outer = dump.frames().get(1);
            assertEquals(1, outer.funcIndex());
            assertEquals(List.of(new CoreValue(ValType.I32, 41)), outer.locals());
            // A caller is at its call instruction, whose arguments are still its operands (as the debugger shows it).
            assertEquals(List.of(new CoreValue(ValType.I32, 11), new CoreValue(ValType.I32, 42), new CoreValue(
                    ValType.F32, Float.floatToRawIntBits(-0.25f) & 0xFFFF_FFFFL)), outer.stack());
            assertEquals(Wabt.offsetOf(t.wasm(), 1, "call", 0), CoreOffsets.moduleOffset(Wasm.load(t.wasm()), 1,
                    outer.codeOffset()));

            assertEquals(1, dump.memories().size());
            CoreMemory memory = dump.memories().get(0);
            assertEquals(2, memory.minPages());
            assertEquals(5, memory.maxPages());
            assertArrayEquals(t.instance().memory().read(0, 2 * 65536), memory.bytes());
            assertEquals((byte) 0xAB, memory.bytes()[70000]);
            assertEquals(List.of(new CoreGlobal(ValType.I32, true, -3, 0), new CoreGlobal(ValType.I64, false, -5, 0),
                    new CoreGlobal(ValType.F64, true, Double.doubleToRawLongBits(2.5), 0)), dump.globals());
            assertEquals(List.of(new CoreInstance(0, List.of(0), List.of(0, 1, 2))), dump.instances());
        }
    }

    @Test
    void wabtSeesAValidModuleWithTheCoredumpSections() {
        byte[] bytes = CoredumpWriter.write(trap(EngineConfig.DEFAULT).dump());
        List<String> names = Wabt.sections(bytes).stream().map(Wabt.Section::name).toList();
        assertEquals(List.of("Custom", "Custom", "Custom", "Custom", "Custom", "Memory", "Global", "Data"), names);
        String details = Wabt.details(bytes);
        for (String section : List.of("\"core\"", "\"coremodules\"", "\"coreinstances\"", "\"corestack\"")) {
            assertTrue(details.contains(section), section + " in\n" + details);
        }
        assertTrue(details.contains("memory[0] pages: initial=2 max=5"), details);
        assertTrue(details.contains("global[0] i32 mutable=1 - init i32=-3"), details);
        Wabt.validate(bytes);
        // Our own decoder reads it as a module too, with its memory and data.
        WasmModule asModule = Wasm.load(bytes);
        assertEquals(1, asModule.memories().size());
        assertEquals(2, asModule.data().size(), "two non-zero runs: near 1000 and at 70000");
    }

    @Test
    void restoreGivesAFreshInstanceTheDumpedState() {
        Trapped t = trap(EngineConfig.DEFAULT);
        Coredump dump = CoredumpReader.read(CoredumpWriter.write(t.dump()));
        Instance fresh = new Store().instantiate(Wasm.load(t.wasm()), ImportResolver.NONE);
        CoredumpRestore.restore(dump, fresh);
        assertArrayEquals(t.instance().memory().read(0, 2 * 65536), fresh.memory().read(0, 2 * 65536));
        assertEquals(0x1122334455667788L, fresh.memory().readLong(1000));
        assertEquals(-3, fresh.globalAt(0).get());
        assertEquals(2.5, Double.longBitsToDouble(fresh.globalAt(2).get()));

        Instance other = new Store().instantiate(Wasm.load(Wabt.wat("(module (memory 1))")), ImportResolver.NONE);
        UninstantiableException e = assertThrows(UninstantiableException.class,
                () -> CoredumpRestore.restore(dump, other));
        assertTrue(e.getMessage().contains("not taken from this program"), e.getMessage());
    }

    @Test
    void damagedDumpsAreMalformedWithAnOffset() {
        byte[] bytes = CoredumpWriter.write(trap(EngineConfig.DEFAULT).dump());
        for (int cut : new int[] {3, 9, 20, bytes.length / 2, bytes.length - 1}) {
            MalformedModuleException e = assertThrows(MalformedModuleException.class,
                    () -> CoredumpReader.read(Arrays.copyOf(bytes, cut)), "cut at " + cut);
            assertTrue(e.moduleOffset() >= 0 && e.moduleOffset() <= cut, e.getMessage());
        }
        MalformedModuleException notDump = assertThrows(MalformedModuleException.class,
                () -> CoredumpReader.read(Wabt.wat("(module (memory 1))")));
        assertTrue(notDump.getMessage().contains("not a Wasm coredump"), notDump.getMessage());
    }
}
