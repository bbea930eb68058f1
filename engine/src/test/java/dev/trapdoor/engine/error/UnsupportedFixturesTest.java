package dev.trapdoor.engine.error;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.exec.ImportResolver;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.exec.MemoryInstance;
import dev.trapdoor.engine.exec.Store;
import dev.trapdoor.engine.model.WasmModule;
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
 * (except {@code simd.wasm} and {@code wasm64.wasm}, kept to show that SIMD and memory64, once missing, load).
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
    void wasm64LoadsAndRunsNow() throws IOException {
        // The fixture that once named memory64 as missing: clang's --target=wasm64 kernel, now an ordinary module.
        WasmModule module = Wasm.load(fixture("wasm64.wasm"));
        assertTrue(module.memories().get(0).is64(), "clang's wasm64 memory is a 64-bit one");
        Instance instance = new Store().instantiate(module, ImportResolver.NONE);
        MemoryInstance memory = instance.memory();
        long at = memory.byteSize() - 300;
        byte[] data = new byte[256];
        long expected = 0;
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 7);
            expected += data[i] & 0xFF;
        }
        memory.write(at, data);
        assertEquals(expected, instance.invoke("sum", at, data.length)[0]);
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
