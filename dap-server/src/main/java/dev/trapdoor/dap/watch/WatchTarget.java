package dev.trapdoor.dap.watch;

import dev.trapdoor.engine.exec.GlobalInstance;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.exec.MemoryInstance;

import java.util.Arrays;

/**
 * What a data breakpoint watches, as its DAP {@code dataId} spells it: {@code mem:M:ADDRESS:SIZE} (SIZE bytes of
 * memory M from ADDRESS, decimal) or {@code global:G}. Reads the current bytes; unreadable memory reads as
 * {@code null}, so a memory that grows to cover the range counts as a change.
 */
public sealed interface WatchTarget {
    /** Largest range one data breakpoint watches: the check runs after every instruction. */
    int MAX_BYTES = 4096;

    String dataId();

    byte[] read(Instance instance);

    record Memory(int memory, long address, int size) implements WatchTarget {
        @Override
        public String dataId() {
            return "mem:" + memory + ":" + address + ":" + size;
        }

        @Override
        public byte[] read(Instance instance) {
            if (memory >= instance.module().memories().size()) {
                return null;
            }
            MemoryInstance m = instance.memoryAt(memory);
            return m.inBounds(address, size) ? m.read(address, size) : null;
        }
    }

    record Global(int global) implements WatchTarget {
        @Override
        public String dataId() {
            return "global:" + global;
        }

        @Override
        public byte[] read(Instance instance) {
            if (global >= instance.module().globalTypes().size()) {
                return null;
            }
            GlobalInstance g = instance.globalAt(global);
            byte[] out = new byte[16];
            long v = g.get();
            long h = g.high();
            for (int i = 0; i < 8; i++) {
                out[i] = (byte) (v >>> (8 * i));
                out[8 + i] = (byte) (h >>> (8 * i));
            }
            return g.type().type() == dev.trapdoor.engine.model.ValType.V128 ? out : Arrays.copyOf(out, 8);
        }
    }

    /** @throws IllegalArgumentException with a message for a person when the id is not one of ours */
    static WatchTarget parse(String dataId) {
        String[] p = dataId == null ? new String[0] : dataId.split(":");
        try {
            if (p.length == 4 && p[0].equals("mem")) {
                int size = Integer.parseInt(p[3]);
                long address = Long.parseLong(p[2]);
                if (size <= 0 || size > MAX_BYTES || address < 0) {
                    throw new IllegalArgumentException("data breakpoint '" + dataId + "': a range of 1 to "
                            + MAX_BYTES + " bytes at a non-negative address");
                }
                return new Memory(Integer.parseInt(p[1]), address, size);
            }
            if (p.length == 2 && p[0].equals("global")) {
                return new Global(Integer.parseInt(p[1]));
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new IllegalArgumentException("data breakpoint '" + dataId + "' is not a data id this server gave out "
                + "(mem:MEMORY:ADDRESS:SIZE or global:INDEX)");
    }
}
