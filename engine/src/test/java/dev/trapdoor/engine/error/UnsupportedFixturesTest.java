package dev.trapdoor.engine.error;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.testing.Wabt;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Modules clang 14 builds with a feature flag Trapdoor lacks ({@code src/test/resources/unsupported/build.sh}): each
 * fails to load as "not supported" with the feature, at the offset {@code wasm-objdump} gives for the first use
 * (except {@code simd.wasm}, kept to show that SIMD, once missing, loads).
 */
class UnsupportedFixturesTest {
    private static final Pattern SIMD_MNEMONIC = Pattern.compile("^(v128|[if](8x16|16x8|32x4|64x2))\\b.*");

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = UnsupportedFixturesTest.class.getResourceAsStream("/unsupported/" + name)) {
            assertNotNull(in, name);
            return in.readAllBytes();
        }
    }

    private static UnsupportedFeatureException load(byte[] wasm) {
        return assertThrows(UnsupportedFeatureException.class, () -> Wasm.load(wasm));
    }

    /** Where the first instruction whose text matches {@code pattern} starts, by {@code wasm-objdump -d}. */
    private static int firstInstruction(byte[] wasm, Pattern pattern) {
        return Wabt.disassemble(wasm).stream().filter(l -> pattern.matcher(l.text()).matches())
                .mapToInt(Wabt.Line::moduleOffset).min().orElseThrow();
    }

    /** Length of the unsigned LEB128 at {@code offset}. */
    private static int lebLength(byte[] wasm, int offset) {
        int n = 1;
        while ((wasm[offset + n - 1] & 0x80) != 0) {
            n++;
        }
        return n;
    }

    @Test
    void simd128LoadsNow() throws IOException {
        // The fixture that once named SIMD as missing: clang's vectorized loop, now an ordinary module.
        byte[] wasm = fixture("simd.wasm");
        Wasm.load(wasm);
        assertTrue(firstInstruction(wasm, SIMD_MNEMONIC) > 0, "the fixture holds SIMD instructions");
    }

    @Test
    void tailCallRunsNow() throws IOException {
        // The fixture that once named tail calls as missing: clang's musttail mutual recursion, far deeper than the
        // call depth limit.
        byte[] wasm = fixture("tailcall.wasm");
        assertTrue(firstInstruction(wasm, Pattern.compile("^return_call.*")) > 0, "the fixture holds return_call");
        var inst = new dev.trapdoor.engine.exec.Store().instantiate(Wasm.load(wasm),
                dev.trapdoor.engine.exec.ImportResolver.NONE);
        assertEquals(1, inst.invoke("is_even", 1_000_000)[0]);
        assertEquals(1, inst.invoke("is_odd", 1_000_001)[0]);
    }

    @Test
    void atomics() throws IOException {
        byte[] wasm = fixture("atomics.wasm");
        UnsupportedFeatureException e = load(wasm);
        assertEquals(Feature.THREADS, e.feature(), e.getMessage());
        assertEquals(firstInstruction(wasm, Pattern.compile(".*\\.atomic\\..*")), e.moduleOffset(), e.getMessage());
    }

    @Test
    void wasm64() throws IOException {
        byte[] wasm = fixture("wasm64.wasm");
        UnsupportedFeatureException e = load(wasm);
        assertEquals(Feature.MEMORY64, e.feature(), e.getMessage());
        // The memory section's contents: the count, then the first memory's limits flags.
        Wabt.Section memory = Wabt.sections(wasm).stream().filter(s -> s.name().equals("Memory")).findFirst()
                .orElseThrow();
        assertEquals(memory.contentStart() + lebLength(wasm, memory.contentStart()), e.moduleOffset(),
                e.getMessage());
        assertEquals("64-bit memory", e.construct());
    }

    @Test
    void wasmExceptionsRunNow() throws IOException {
        // The fixture that once named exception handling as missing: clang's legacy try/catch(...) around an import.
        // The host throws a Wasm exception of its own tag into it.
        byte[] wasm = fixture("eh.wasm");
        var store = new dev.trapdoor.engine.exec.Store();
        var hostTag = new dev.trapdoor.engine.exec.TagInstance(new dev.trapdoor.engine.model.FuncType(
                new dev.trapdoor.engine.model.ValType[]{dev.trapdoor.engine.model.ValType.I32},
                new dev.trapdoor.engine.model.ValType[0]), "host");
        var mightThrow = store.hostFunction("might_throw", new dev.trapdoor.engine.model.FuncType(
                new dev.trapdoor.engine.model.ValType[]{dev.trapdoor.engine.model.ValType.I32},
                new dev.trapdoor.engine.model.ValType[0]), (caller, args) -> {
                    if (args[0] < 0) {
                        throw new dev.trapdoor.engine.exec.WasmThrow(hostTag, args[0]);
                    }
                    return new long[0];
                });
        var i32 = dev.trapdoor.engine.model.ValType.I32;
        var beginCatch = store.hostFunction("__cxa_begin_catch", new dev.trapdoor.engine.model.FuncType(
                new dev.trapdoor.engine.model.ValType[]{i32}, new dev.trapdoor.engine.model.ValType[]{i32}),
                (caller, args) -> args);
        var endCatch = store.hostFunction("__cxa_end_catch", new dev.trapdoor.engine.model.FuncType(
                new dev.trapdoor.engine.model.ValType[0], new dev.trapdoor.engine.model.ValType[0]),
                (caller, args) -> new long[0]);
        var inst = store.instantiate(Wasm.load(wasm), (module, name) -> switch (name) {
            case "might_throw" -> mightThrow;
            case "__cxa_begin_catch" -> beginCatch;
            case "__cxa_end_catch" -> endCatch;
            default -> null;
        });
        assertEquals(5, inst.invoke("guarded", 5)[0]);
        // clang's catch (...) catches the C++ tag (legacy catch 0): the host's own tag passes it, back to the host.
        var thrown = org.junit.jupiter.api.Assertions.assertThrows(dev.trapdoor.engine.exec.WasmThrow.class,
                () -> inst.invoke("guarded", -7));
        assertEquals(hostTag, thrown.tag());
        assertEquals(-7, (int) thrown.payload()[0]);
    }
}
