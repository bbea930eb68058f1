package dev.trapdoor.dap.transport;

import org.eclipse.lsp4j.debug.Breakpoint;
import org.eclipse.lsp4j.debug.Capabilities;
import org.eclipse.lsp4j.debug.DataBreakpoint;
import org.eclipse.lsp4j.debug.DataBreakpointAccessType;
import org.eclipse.lsp4j.debug.DataBreakpointInfoArguments;
import org.eclipse.lsp4j.debug.DataBreakpointInfoResponse;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;
import org.eclipse.lsp4j.debug.SetDataBreakpointsArguments;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.Variable;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Data breakpoints over DAP with a real client on a C program ({@code src/test/c/watch/watch.c}): an array element,
 * a struct member (by expression and through the Variables view's reference), a plain variable with a condition, an
 * address range written by {@code memset} and by WASI's {@code fd_read}, and a Wasm global. Each stops right after
 * the instruction that changed it, with reason {@code data breakpoint} and the old and new values.
 */
class DataBreakpointTcpTest extends TcpServerTest {
    private static final Path WATCH = Path.of("src/test/resources/watch/watch.wasm").toAbsolutePath();
    private static final Path WATCH_C = Path.of("src/test/c/watch/watch.c").toAbsolutePath();

    @Test
    void eachWriterStopsRightAfterItWithOldAndNewValues() throws Exception {
        Files.writeString(tmp.resolve("in.txt"), "wxyz");
        try (DapTestClient c = new DapTestClient(server)) {
            InitializeRequestArguments init = new InitializeRequestArguments();
            init.setAdapterID("trapdoor");
            Capabilities caps = c.server.initialize(init).get(30, TimeUnit.SECONDS);
            assertTrue(caps.getSupportsDataBreakpoints());
            c.initialized.get(30, TimeUnit.SECONDS);
            c.server.launch(new java.util.HashMap<>(Map.of("program", WATCH.toString(), "stdin", "in.txt")))
                    .get(30, TimeUnit.SECONDS);
            Breakpoint[] bump = c.setLines(WATCH_C, line("@bump"));
            assertTrue(bump[0].isVerified(), bump[0].getMessage());
            c.server.configurationDone(null).get(30, TimeUnit.SECONDS);
            assertEquals("breakpoint", c.nextStop().getReason());
            c.setLines(WATCH_C);
            int top = c.frames()[0].getId();

            DataBreakpointInfoResponse counts = info(c, "counts[5]", null, top);
            assertEquals(List.of(DataBreakpointAccessType.WRITE, DataBreakpointAccessType.READ_WRITE),
                    Arrays.asList(counts.getAccessTypes()));
            DataBreakpointInfoResponse y = info(c, "origin.y", null, top);
            int originRef = Arrays.stream(c.scope(top, "Globals")).filter(v -> v.getName().equals("origin"))
                    .findFirst().orElseThrow().getVariablesReference();
            assertEquals(y.getDataId(), info(c, "y", originRef, top).getDataId(), "the Variables view's member");
            DataBreakpointInfoResponse total = info(c, "total", null, top);
            DataBreakpointInfoResponse slot = info(c, "slot", null, top);
            assertNull(slot.getDataId(), "a pointer in a Wasm local has no address: " + slot.getDescription());
            assertTrue(slot.getDescription().contains("no address in linear memory"), slot.getDescription());

            Breakpoint[] set = setData(c, data(counts, null, null), data(y, null, null),
                    data(total, "total == 11", null));
            assertTrue(Arrays.stream(set).allMatch(b -> Boolean.TRUE.equals(b.isVerified())));

            c.cont();
            StoppedEventArguments s = c.nextStop();
            assertEquals("data breakpoint", s.getReason());
            assertEquals(List.of(set[0].getId()), Arrays.asList(s.getHitBreakpointIds()));
            assertTrue(s.getText().startsWith("counts[5] changed from 0 (0x0) to 5 (0x5) by i32.store"),
                    s.getText());
            StackFrame f = c.frames()[0];
            assertEquals("bump", f.getName());

            c.cont();
            s = c.nextStop();
            assertTrue(s.getText().startsWith("origin.y changed from 0 (0x0) to 2 (0x2)"), s.getText());
            assertEquals(List.of(set[1].getId()), Arrays.asList(s.getHitBreakpointIds()));
            assertEquals("main", c.frames()[0].getName());

            // memset may run before the volatile stores (-O1 moves it), so the last three stops come in either order.
            String buf = c.evaluate("(unsigned)buf", c.frames()[0].getId()).getResult();
            DataBreakpointInfoArguments range = new DataBreakpointInfoArguments();
            range.setName(buf);
            range.setAsAddress(true);
            range.setBytes(4);
            DataBreakpointInfoResponse bytes = c.server.dataBreakpointInfo(range).get(30, TimeUnit.SECONDS);
            assertEquals("mem:0:" + buf + ":4", bytes.getDataId());
            setData(c, data(counts, null, null), data(y, null, null), data(total, "total == 11", null),
                    data(bytes, null, null));
            String at = "4 bytes at 0x" + Long.toHexString(Long.parseLong(buf));
            List<String> texts = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                c.cont();
                texts.add(c.nextStop().getText());
            }
            assertTrue(texts.stream().anyMatch(t -> t.startsWith("total changed from 10 (0xa) to 11 (0xb)")),
                    "the write of 10 fails the condition, the second 10 changes nothing: " + texts);
            assertTrue(texts.stream().anyMatch(t -> t.startsWith(at + " changed from 0 (0x0) to 1094795585 "
                    + "(0x41414141)")), "memset: " + texts);
            assertTrue(texts.get(2).matches(at + " changed from 1094795585 \\(0x41414141\\) to 2054781047 "
                    + "\\(0x7a797877\\) by call \\d+ \\(.*fd_read.*\\) at 0x.*"), "fd_read: " + texts);

            Variable[] globals = c.scope(c.frames()[0].getId(), "Wasm Globals");
            String sp = globals[0].getName();
            DataBreakpointInfoResponse global = info(c, sp, null, null);
            assertEquals("global:0", global.getDataId());
            setData(c, data(global, null, null));
            c.cont();
            s = c.nextStop();
            assertEquals("data breakpoint", s.getReason());
            assertTrue(s.getText().startsWith("global"), s.getText());

            setData(c);
            c.cont();
            assertEquals(0, c.exited.get(60, TimeUnit.SECONDS).getExitCode());
            assertFalse(c.output().contains("failed"), c.output());
        }
    }

    private static DataBreakpointInfoResponse info(DapTestClient c, String name, Integer ref, Integer frame)
            throws Exception {
        DataBreakpointInfoArguments a = new DataBreakpointInfoArguments();
        a.setName(name);
        a.setVariablesReference(ref);
        a.setFrameId(frame);
        return c.server.dataBreakpointInfo(a).get(30, TimeUnit.SECONDS);
    }

    private static DataBreakpoint data(DataBreakpointInfoResponse info, String condition, String hits) {
        assertTrue(info.getDataId() != null, info.getDescription());
        DataBreakpoint d = new DataBreakpoint();
        d.setDataId(info.getDataId());
        d.setAccessType(DataBreakpointAccessType.WRITE);
        d.setCondition(condition);
        d.setHitCondition(hits);
        return d;
    }

    private static Breakpoint[] setData(DapTestClient c, DataBreakpoint... bps) throws Exception {
        SetDataBreakpointsArguments a = new SetDataBreakpointsArguments();
        a.setBreakpoints(bps);
        return c.server.setDataBreakpoints(a).get(30, TimeUnit.SECONDS).getBreakpoints();
    }

    private static int line(String marker) throws IOException {
        List<String> lines = Files.readAllLines(WATCH_C);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("// " + marker)) {
                return i + 1;
            }
        }
        throw new AssertionError(marker);
    }
}
