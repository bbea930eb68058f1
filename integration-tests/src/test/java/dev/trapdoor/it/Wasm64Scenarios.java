package dev.trapdoor.it;

import org.eclipse.lsp4j.debug.ReadMemoryArguments;
import org.eclipse.lsp4j.debug.ReadMemoryResponse;
import org.eclipse.lsp4j.debug.SourceBreakpoint;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.Variable;
import org.eclipse.lsp4j.debug.WriteMemoryArguments;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The memory64 kernel over DAP ({@code examples/wasm64.c}, clang 14's {@code --target=wasm64}): stopped in
 * {@code checksum}, its i64 pointer parameter carries a memory reference, {@code readMemory} there returns the bytes
 * {@code fill} wrote (the test runs the same generator), the Module scope lists the 64-bit memory with its
 * {@code mem:0} reference, and a {@code writeMemory} is seen by {@code mem8[0:...]}.
 */
abstract class Wasm64Scenarios {
    static final Path WASM64_C = Trapdoor.example("wasm64.c");
    static final Path WASM64 = Trapdoor.example("wasm64.wasm");

    abstract DapClient open() throws Exception;

    /** The first {@code n} bytes {@code fill(p, n, seed)} writes, computed as wasm64.c does. */
    static byte[] filled(int n, int seed) {
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            seed = seed * 1103515245 + 12345;
            out[i] = (byte) (seed >>> 16);
        }
        return out;
    }

    @Test
    void readsTheKernelsBufferThroughItsSixtyFourBitPointer() throws Exception {
        try (DapClient c = open()) {
            SourceBreakpoint bp = new SourceBreakpoint();
            bp.setLine(DapClient.line(WASM64_C, "BP_CHECKSUM"));
            Map<String, Object> launch = DapClient.launchArgs(WASM64);
            launch.put("invoke", "run");
            c.start(launch, () -> {
                try {
                    assertTrue(c.setBreakpoints(WASM64_C, bp).getBreakpoints()[0].isVerified());
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            assertEquals("breakpoint", c.awaitStopped().getReason());
            StackFrame top = c.top();
            assertEquals("checksum", top.getName());

            Variable pointer = c.scope(top.getId(), "Wasm Locals")[0];
            assertEquals("i64", pointer.getType(), pointer.getName());
            String reference = pointer.getMemoryReference();
            assertNotNull(reference, "an i64 into a 64-bit memory is an address");
            ReadMemoryArguments r = new ReadMemoryArguments();
            r.setMemoryReference(reference);
            r.setCount(64);
            ReadMemoryResponse read = DapClient.get(c.server.readMemory(r));
            assertArrayEquals(filled(64, 42), Base64.getDecoder().decode(read.getData()));
            assertEquals(0, read.getUnreadableBytes() == null ? 0 : read.getUnreadableBytes());

            Variable memory = DapClient.variable(c.scope(top.getId(), "Module"), "memory");
            assertTrue(memory.getValue().contains("64-bit"), memory.getValue());
            assertEquals("mem:0", memory.getMemoryReference());

            WriteMemoryArguments w = new WriteMemoryArguments();
            w.setMemoryReference(reference);
            w.setData(Base64.getEncoder().encodeToString(new byte[] {(byte) 0xAB}));
            assertEquals(1, DapClient.get(c.server.writeMemory(w)).getBytesWritten());
            String address = reference.substring(reference.indexOf('@') + 1);
            assertEquals("171", c.evaluate("mem8[0:" + address + "]", top.getId(), "watch").getResult());
            assertEquals(Integer.toString(filled(2, 42)[1] & 0xFF),
                    c.evaluate("mem8[" + address + " + 1]", top.getId(), "watch").getResult());
            c.setBreakpoints(WASM64_C);
            c.cont();
            assertEquals(0, c.exitCode());
        }
    }
}
