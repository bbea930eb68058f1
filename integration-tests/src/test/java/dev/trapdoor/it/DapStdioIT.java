package dev.trapdoor.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

/** The DAP scenarios over stdio: {@code bin/trapdoor dap}, one process per test, as VS Code runs an adapter. */
class DapStdioIT extends DapScenarios {
    private final List<Process> processes = new ArrayList<>();

    @Override
    DapClient open() throws Exception {
        Process p = new ProcessBuilder(Trapdoor.LAUNCHER.toString(), "dap").directory(Trapdoor.ROOT.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(new File(System.getProperty("java.io.tmpdir"),
                        "trapdoor-dap-it.log")))
                .start();
        processes.add(p);
        return DapClient.over(p);
    }

    @AfterEach
    void stop() {
        processes.forEach(Process::destroyForcibly);
    }

    @Nested
    class CVariables extends CVariablesScenarios {
        @Override
        DapClient open() throws Exception {
            return DapStdioIT.this.open();
        }
    }

    @Nested
    class Exact extends ExactScenarios {
        @Override
        DapClient open() throws Exception {
            return DapStdioIT.this.open();
        }
    }

    @Nested
    class Simd extends SimdScenarios {
        @Override
        DapClient open() throws Exception {
            return DapStdioIT.this.open();
        }
    }

    @Nested
    class Wasm3 extends Wasm3Scenarios {
        @Override
        DapClient open() throws Exception {
            return DapStdioIT.this.open();
        }
    }

    @Nested
    class RustCpp extends RustCppScenarios {
        @Override
        DapClient open() throws Exception {
            return DapStdioIT.this.open();
        }
    }

    @Nested
    class Wasm64 extends Wasm64Scenarios {
        @Override
        DapClient open() throws Exception {
            return DapStdioIT.this.open();
        }
    }
}
