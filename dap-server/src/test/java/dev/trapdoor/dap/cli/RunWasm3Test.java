package dev.trapdoor.dap.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code trapdoor run} on WebAssembly 3.0 control flow: our clang 14 fixtures print what their native builds print
 * (the {@code .expected} files, written by {@code examples/build.sh} from the native runs) in every tier, and an
 * uncaught exception is reported like a trap, with its tag, payload and stack.
 */
class RunWasm3Test {
    private static final Path EXAMPLES = Path.of("../examples");

    private static void sameAsNative(String name) throws Exception {
        String expected = Files.readString(EXAMPLES.resolve(name + ".expected"));
        for (String tier : new String[]{"interpreter", "compiled", "tiered"}) {
            Captured c = Captured.run("run", "--tier", tier, EXAMPLES.resolve(name + ".wasm").toString());
            assertEquals(0, c.status(), tier + ": " + c.err());
            assertEquals(expected, c.out(), tier);
        }
    }

    @Test
    void aMillionTailCallsRunAsNatively() throws Exception {
        sameAsNative("tailcall");
    }

    @Test
    void cppExceptionsRunAsNatively() throws Exception {
        sameAsNative("eh");
    }

    @Test
    void anUncaughtExceptionIsReportedLikeATrap(@TempDir Path dir) throws Exception {
        Path wat = dir.resolve("oops.wat");
        Files.writeString(wat, """
                (module
                  (tag $oops (param i32 i64))
                  (func $fail (param i32) (throw $oops (local.get 0) (i64.const -2)))
                  (func $middle (call $fail (i32.const 7)))
                  (func (export "_start") (call $middle)))
                """);
        Captured c = Captured.run("run", wat.toString());
        assertEquals(ExitCodes.TRAP, c.status(), c.err());
        assertTrue(c.clean(), c.err());
        String[] lines = c.err().split("\n");
        assertEquals("trapdoor: " + wat + ": uncaught wasm exception: $oops (i32:7, i64:-2)", lines[0]);
        assertTrue(lines[1].startsWith("#0 ") && lines[1].contains(" in fail"), c.err());
        assertTrue(lines[2].contains(" in middle"), c.err());
    }
}
