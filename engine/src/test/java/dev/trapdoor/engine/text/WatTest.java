package dev.trapdoor.engine.text;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.binary.NameSectionReader;
import dev.trapdoor.engine.exec.ImportResolver;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.exec.Store;
import dev.trapdoor.engine.model.Names;
import dev.trapdoor.engine.model.WasmModule;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Text modules compiled and run by the engine; names and positions read back through the ordinary decoder. */
class WatTest {
    private static final String FAC = """
            (module $prog
              (func $fac (export "fac") (param $n i64) (result i64)
                (local $acc i64)
                (local.set $acc (i64.const 1))
                (block $done
                  (loop $next
                    (br_if $done (i64.eqz (local.get $n)))
                    (local.set $acc (i64.mul (local.get $acc) (local.get $n)))
                    (local.set $n (i64.sub (local.get $n) (i64.const 1)))
                    (br $next)))
                local.get $acc))
            """;

    @Test
    void compiledModuleRuns() {
        Instance instance = new Store().instantiate(Wasm.load(Wat.compile("fac.wat", FAC).binary()),
                ImportResolver.NONE);
        assertArrayEquals(new long[] {3628800}, instance.function("fac").call(new long[] {10}));
    }

    @Test
    void nameSectionCarriesTheIds() {
        Names names = NameSectionReader.read(Wasm.load(Wat.compile("fac.wat", FAC).binary()));
        assertEquals("prog", names.moduleName());
        assertEquals(Map.of(0, "fac"), names.functionNames());
        assertEquals(Map.of(0, "n", 1, "acc"), names.localNames().get(0));
    }

    @Test
    void withoutNamesThereIsNoNameSection() {
        WasmModule m = Wasm.load(Wat.compile("fac.wat", FAC, false).binary());
        assertTrue(m.customSections().isEmpty());
    }

    @Test
    void positionsMapOffsetsBackToTheText() {
        Wat.Result r = Wat.compile("fac.wat", FAC);
        TextPositions p = r.positions();
        // Line 7 holds br_if, i64.eqz and local.get; folded, the operands come first in the code.
        List<Integer> offsets = p.offsetsOnLine(7);
        assertEquals(3, offsets.size());
        int brIf = offsets.stream().filter(o -> (r.binary()[o] & 0xFF) == 0x0D).findFirst().orElseThrow();
        int entry = p.entryAt(brIf);
        assertEquals(7, p.line(entry));
        assertEquals(10, p.column(entry));
        // Plain instructions map to their own line and column.
        int last = p.offsetsOnLine(11).get(0);
        assertEquals(0x20, r.binary()[last] & 0xFF);
        assertEquals(5, p.column(p.entryAt(last)));
    }

    @Test
    void fieldsWithoutModuleWrapperAndImplicitTypes() {
        String text = """
                (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
                (func (export "sub") (param i32 i32) (result i32) (i32.sub (local.get 0) (local.get 1)))
                """;
        byte[] bytes = Wat.compile("a.wat", text, false).binary();
        // One type, shared by both functions.
        assertEquals(1, Wasm.load(bytes).types().size());
        Instance i = new Store().instantiate(Wasm.load(bytes), ImportResolver.NONE);
        assertEquals(-1, (int) i.function("sub").call(new long[] {2, 3})[0]);
    }
}
