package dev.trapdoor.dap.handler;

import dev.trapdoor.dap.adapt.MemoryReference;
import dev.trapdoor.dap.session.Failures;
import dev.trapdoor.dap.session.Session;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.exec.MemoryInstance;
import org.eclipse.lsp4j.debug.InvalidatedAreas;
import org.eclipse.lsp4j.debug.InvalidatedEventArguments;
import org.eclipse.lsp4j.debug.MemoryEventArguments;
import org.eclipse.lsp4j.debug.ReadMemoryArguments;
import org.eclipse.lsp4j.debug.ReadMemoryResponse;
import org.eclipse.lsp4j.debug.WriteMemoryArguments;
import org.eclipse.lsp4j.debug.WriteMemoryResponse;

import java.util.Base64;

/**
 * readMemory and writeMemory on linear memory, addressed by {@link MemoryReference}s. Bytes past the end of memory
 * are reported unreadable; a write is refused (or, with {@code allowPartial}, cut) at the end. After a write the
 * client gets a {@code memory} event for the range and an {@code invalidated} event for the variables views.
 */
public final class MemoryHandler {
    private final Session session;

    /**
     * Bytes per readMemory response: DAP lets a client read on from where a response ended, and 2^31-1 bytes at
     * once would be gigabytes of base64. VS Code's memory view reads a few KiB at a time.
     */
    static final int MAX_READ = 1 << 20;

    public MemoryHandler(Session session) {
        this.session = session;
    }

    public ReadMemoryResponse readMemory(ReadMemoryArguments args) {
        MemoryReference ref = reference(args.getMemoryReference(), args.getOffset());
        MemoryInstance memory = memory(ref);
        long size = memory.byteSize();
        int count = Math.min(Math.max(0, args.getCount()), MAX_READ);
        long start = ref.address();
        ReadMemoryResponse r = new ReadMemoryResponse();
        r.setAddress(String.format("0x%x", start));
        if (start < 0 || start >= size) {
            r.setUnreadableBytes(count);
            r.setData("");
            return r;
        }
        int readable = (int) Math.min(count, size - start);
        r.setData(Base64.getEncoder().encodeToString(memory.read(start, readable)));
        r.setUnreadableBytes(count - readable);
        return r;
    }

    public WriteMemoryResponse writeMemory(WriteMemoryArguments args) {
        session.stop(); // memory changes only while the program holds still
        MemoryReference ref = reference(args.getMemoryReference(), args.getOffset());
        MemoryInstance memory = memory(ref);
        byte[] data;
        try {
            data = Base64.getDecoder().decode(args.getData() == null ? "" : args.getData());
        } catch (IllegalArgumentException e) {
            throw Failures.badArguments("writeMemory: 'data' is not base64: " + e.getMessage());
        }
        long start = ref.address();
        long room = start < 0 ? 0 : Math.max(0, memory.byteSize() - start);
        int length = data.length;
        if (room < data.length) {
            if (!Boolean.TRUE.equals(args.getAllowPartial()) || room == 0) {
                throw Failures.failure(String.format("writeMemory: %d bytes at 0x%x do not fit in memory (size %d)",
                        data.length, start, memory.byteSize()));
            }
            length = (int) room;
        }
        memory.write(start, data, 0, length);
        int written = length;
        MemoryEventArguments m = new MemoryEventArguments();
        m.setMemoryReference(args.getMemoryReference());
        m.setOffset(args.getOffset() == null ? 0 : args.getOffset());
        m.setCount(written);
        session.events().send(c -> c.memory(m));
        InvalidatedEventArguments inv = new InvalidatedEventArguments();
        inv.setAreas(new String[] {InvalidatedAreas.VARIABLES});
        session.events().send(c -> c.invalidated(inv));
        WriteMemoryResponse r = new WriteMemoryResponse();
        r.setOffset(args.getOffset() == null ? 0 : args.getOffset());
        r.setBytesWritten(written);
        return r;
    }

    private static MemoryReference reference(String text, Integer offset) {
        try {
            return MemoryReference.parse(text).plus(offset == null ? 0 : offset);
        } catch (IllegalArgumentException e) {
            throw Failures.badArguments(e.getMessage());
        }
    }

    private MemoryInstance memory(MemoryReference ref) {
        Instance instance = session.program().instance();
        if (ref.memoryIndex() < 0 || ref.memoryIndex() >= instance.module().memories().size()) {
            throw Failures.failure("memory " + ref.memoryIndex() + " does not exist");
        }
        MemoryInstance m = instance.memoryAt(ref.memoryIndex());
        if (m == null) {
            throw Failures.failure("memory " + ref.memoryIndex() + " does not exist");
        }
        return m;
    }
}
