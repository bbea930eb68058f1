package dev.trapdoor.dap.transport;

import org.eclipse.lsp4j.debug.InitializeRequestArguments;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A recorded launch of a program whose GC objects a snapshot cannot hold fails with the reason and the way out. */
class RecordingLimitsTcpTest extends TcpServerTest {
    @Test
    void aRecordedLaunchOfAGcProgramSaysWhatIsNotSupported() throws Exception {
        Path program = tmp.resolve("gc.wat");
        Files.writeString(program, "(module (type $cell (struct (field (mut i32))))\n"
                + "  (func (export \"_start\") (drop (struct.new $cell (i32.const 1)))))\n");
        try (DapTestClient c = new DapTestClient(server)) {
            InitializeRequestArguments init = new InitializeRequestArguments();
            init.setAdapterID("trapdoor");
            c.server.initialize(init).get(30, TimeUnit.SECONDS);
            ResponseErrorException e = assertInstanceOf(ResponseErrorException.class, assertThrows(
                    ExecutionException.class, () -> c.server.launch(new HashMap<>(Map.of("program",
                            program.toString(), "record", true))).get(30, TimeUnit.SECONDS)).getCause());
            assertEquals("launch: not supported in recordings: GC objects (the module declares struct or array "
                    + "types); launch without \"record\" to debug it", e.getMessage());
        }
    }
}
