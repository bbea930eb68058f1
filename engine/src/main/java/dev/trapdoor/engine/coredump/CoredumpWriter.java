package dev.trapdoor.engine.coredump;

import dev.trapdoor.engine.model.ValType;

import java.util.List;

/**
 * Encodes a {@link Coredump} as a Wasm module in the tool-conventions layout: the custom sections {@code core},
 * {@code coremodules}, {@code coreinstances}, {@code corestack} (and {@code trapdoor.trap}), then a memory section,
 * a global section with each global's value as its constant initializer, and a data section. Memory is written as
 * active segments holding only its non-zero runs (a gap of fewer than {@value #MIN_GAP} zeros does not split a run),
 * so a mostly empty 16 MiB heap costs what it holds.
 */
public final class CoredumpWriter {
    /** Custom section with the trap's kind and detail, which the format itself does not record. */
    public static final String TRAP_SECTION = "trapdoor.trap";
    static final int MIN_GAP = 64;

    private CoredumpWriter() {
    }

    public static byte[] write(Coredump dump) {
        Bytes out = new Bytes().fixed(0x6D736100L, 4).fixed(1, 4);
        out.custom("core", new Bytes().u8(0).name(dump.processName()));
        Bytes modules = new Bytes().u32(dump.modules().size());
        for (String m : dump.modules()) {
            modules.u8(0).name(m);
        }
        out.custom("coremodules", modules);
        Bytes instances = new Bytes().u32(dump.instances().size());
        for (CoreInstance i : dump.instances()) {
            instances.u8(0).u32(i.moduleIndex());
            indices(instances, i.memories());
            indices(instances, i.globals());
        }
        out.custom("coreinstances", instances);
        Bytes stack = new Bytes().u8(0).name(dump.threadName()).u32(dump.frames().size());
        for (CoreFrame f : dump.frames()) {
            stack.u8(0).u32(f.instanceIndex()).u32(f.funcIndex()).u32(f.codeOffset());
            values(stack, f.locals());
            values(stack, f.stack());
        }
        out.custom("corestack", stack);
        if (dump.trap() != null) {
            out.custom(TRAP_SECTION, new Bytes().name(dump.trap().kind()).name(dump.trap().detail()));
        }
        if (!dump.memories().isEmpty()) {
            Bytes memories = new Bytes().u32(dump.memories().size());
            for (CoreMemory m : dump.memories()) {
                if (m.maxPages() == CoreMemory.NO_MAX) {
                    memories.u8(0).u32(m.minPages());
                } else {
                    memories.u8(1).u32(m.minPages()).u32(m.maxPages());
                }
            }
            out.section(5, memories);
        }
        if (!dump.globals().isEmpty()) {
            Bytes globals = new Bytes().u32(dump.globals().size());
            for (CoreGlobal g : dump.globals()) {
                globals.u8(g.type().code()).u8(g.mutable() ? 1 : 0);
                constant(globals, g);
                globals.u8(0x0B);
            }
            out.section(6, globals);
        }
        Bytes data = new Bytes();
        int segments = 0;
        for (int m = 0; m < dump.memories().size(); m++) {
            segments += segments(data, m, dump.memories().get(m).bytes());
        }
        if (segments > 0) {
            out.section(11, new Bytes().u32(segments).raw(data));
        }
        return out.toByteArray();
    }

    private static void indices(Bytes out, List<Integer> list) {
        out.u32(list.size());
        for (int i : list) {
            out.u32(i);
        }
    }

    private static void values(Bytes out, List<CoreValue> list) {
        out.u32(list.size());
        for (CoreValue v : list) {
            if (v.missing()) {
                out.u8(0x01);
                continue;
            }
            out.u8(v.type().code());
            switch (v.type()) {
                case I32 -> out.s64((int) v.bits());
                case I64 -> out.s64(v.bits());
                case F32 -> out.fixed(v.bits(), 4);
                case F64 -> out.fixed(v.bits(), 8);
                default -> throw new IllegalArgumentException("coredump value of type " + v.type());
            }
        }
    }

    private static void constant(Bytes out, CoreGlobal g) {
        switch (g.type()) {
            case I32 -> out.u8(0x41).s64((int) g.value());
            case I64 -> out.u8(0x42).s64(g.value());
            case F32 -> out.u8(0x43).fixed(g.value(), 4);
            case F64 -> out.u8(0x44).fixed(g.value(), 8);
            case V128 -> out.u8(0xFD).u32(12).fixed(g.value(), 8).fixed(g.high(), 8);
            case FUNCREF, EXTERNREF -> out.u8(0xD0).u8(g.type().code());
        }
    }

    /** Writes memory {@code index}'s non-zero runs as active segments; returns how many. */
    private static int segments(Bytes out, int index, byte[] bytes) {
        int count = 0;
        int i = 0;
        while (i < bytes.length) {
            while (i < bytes.length && bytes[i] == 0) {
                i++;
            }
            if (i == bytes.length) {
                break;
            }
            int start = i;
            int end = i;
            while (i < bytes.length) {
                if (bytes[i] != 0) {
                    end = ++i;
                } else if (i - end >= MIN_GAP) {
                    break;
                } else {
                    i++;
                }
            }
            if (index == 0) {
                out.u8(0);
            } else {
                out.u8(2).u32(index);
            }
            out.u8(0x41).s64(start).u8(0x0B).u32(end - start).raw(bytes, start, end - start);
            count++;
            i = end;
        }
        return count;
    }
}
