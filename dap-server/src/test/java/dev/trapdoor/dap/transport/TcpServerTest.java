package dev.trapdoor.dap.transport;

import dev.trapdoor.dap.source.DwarfVariablesProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * A real TCP server on loopback for each test, over a fresh temporary directory (where a test writes its programs
 * and inputs), with the DWARF variables provider a user's server has: what the DAP-over-TCP tests share.
 */
abstract class TcpServerTest {
    @TempDir
    Path tmp;
    TcpServer server;

    @BeforeEach
    void start() throws InterruptedException {
        server = TcpServer.start("127.0.0.1", 0, tmp, new DwarfVariablesProvider(), () -> null);
    }

    @AfterEach
    void stop() {
        server.close();
    }
}
