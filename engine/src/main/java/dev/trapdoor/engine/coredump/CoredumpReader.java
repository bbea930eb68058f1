package dev.trapdoor.engine.coredump;

import dev.trapdoor.engine.binary.ByteReader;
import dev.trapdoor.engine.error.MalformedModuleException;
import dev.trapdoor.engine.model.ValType;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes a coredump written in the tool-conventions layout (by us or by another runtime). It reads the sections a
 * coredump uses and skips the others; anything it cannot read is a {@link MalformedModuleException} with the byte
 * offset and the reason, including a module that is not a coredump at all (no {@code core} section).
 */
public final class CoredumpReader {
    private static final int MAX_MEMORY_PAGES = Integer.MAX_VALUE / 65536;

    private String processName;
    private final List<String> modules = new ArrayList<>();
    private final List<CoreInstance> instances = new ArrayList<>();
    private String threadName;
    private final List<CoreFrame> frames = new ArrayList<>();
    private final List<CoreMemory> memories = new ArrayList<>();
    private final List<CoreGlobal> globals = new ArrayList<>();
    private CoreTrap trap;

    private CoredumpReader() {
    }

    public static Coredump read(byte[] bytes) {
        return new CoredumpReader().decode(bytes);
    }

    private Coredump decode(byte[] bytes) {
        ByteReader r = new ByteReader(bytes);
        if (bytes.length < 8 || r.f32Bits() != 0x6D736100) {
            throw new MalformedModuleException(0, "not a Wasm file (no \\0asm magic)");
        }
        if (r.f32Bits() != 1) {
            throw new MalformedModuleException(4, "unknown binary version");
        }
        while (!r.atEnd()) {
            int id = r.u8();
            int size = r.u32();
            int start = r.pos();
            if (size < 0 || size > r.remaining()) {
                throw new MalformedModuleException(start, "section size runs past the end of the file");
            }
            ByteReader s = new ByteReader(bytes, start, start + size);
            switch (id) {
                case 0 -> custom(s);
                case 5 -> memorySection(s);
                case 6 -> globalSection(s);
                case 11 -> dataSection(s);
                default -> s.pos(start + size);
            }
            r.pos(start + size);
        }
        if (processName == null) {
            throw new MalformedModuleException(8, "not a Wasm coredump: no 'core' custom section");
        }
        if (threadName == null) {
            throw new MalformedModuleException(8, "coredump without a 'corestack' section");
        }
        return new Coredump(processName, modules, instances, threadName, frames, memories, globals, trap);
    }

    private void custom(ByteReader s) {
        String name = s.name();
        switch (name) {
            case "core" -> {
                zero(s, "core");
                processName = s.name();
            }
            case "coremodules" -> {
                for (int n = count(s); n > 0; n--) {
                    zero(s, "coremodules");
                    modules.add(s.name());
                }
            }
            case "coreinstances" -> {
                for (int n = count(s); n > 0; n--) {
                    zero(s, "coreinstances");
                    int module = s.u32();
                    instances.add(new CoreInstance(module, indices(s), indices(s)));
                }
            }
            case "corestack" -> {
                zero(s, "corestack");
                threadName = s.name();
                for (int n = count(s); n > 0; n--) {
                    zero(s, "corestack frame");
                    int instance = s.u32();
                    int func = s.u32();
                    int codeOffset = s.u32();
                    frames.add(new CoreFrame(instance, func, codeOffset, values(s), values(s)));
                }
            }
            case CoredumpWriter.TRAP_SECTION -> trap = new CoreTrap(s.name(), s.name());
            default -> {
                return;
            }
        }
        if (!s.atEnd()) {
            throw s.malformed("trailing bytes at the end of the '" + name + "' section");
        }
    }

    private static void zero(ByteReader s, String what) {
        int at = s.pos();
        if (s.u8() != 0) {
            throw new MalformedModuleException(at, "'" + what + "' entry does not start with 0x00");
        }
    }

    private static int count(ByteReader s) {
        int n = s.u32();
        if (n < 0 || n > s.remaining()) {
            throw s.malformed("count " + Integer.toUnsignedString(n) + " is larger than the section");
        }
        return n;
    }

    private static List<Integer> indices(ByteReader s) {
        List<Integer> out = new ArrayList<>();
        for (int n = count(s); n > 0; n--) {
            out.add(s.u32());
        }
        return out;
    }

    private static List<CoreValue> values(ByteReader s) {
        List<CoreValue> out = new ArrayList<>();
        for (int n = count(s); n > 0; n--) {
            int at = s.pos();
            int code = s.u8();
            out.add(switch (code) {
                case 0x01 -> CoreValue.MISSING;
                case 0x7F -> new CoreValue(ValType.I32, s.s32());
                case 0x7E -> new CoreValue(ValType.I64, s.s64());
                case 0x7D -> new CoreValue(ValType.F32, s.f32Bits() & 0xFFFF_FFFFL);
                case 0x7C -> new CoreValue(ValType.F64, s.f64Bits());
                default -> throw new MalformedModuleException(at, String.format(
                        "unknown coredump value type 0x%02x", code));
            });
        }
        return out;
    }

    private void memorySection(ByteReader s) {
        for (int n = count(s); n > 0; n--) {
            int at = s.pos();
            int flags = s.u8();
            if (flags > 1) {
                throw new MalformedModuleException(at, String.format("memory limits flag 0x%02x not supported "
                        + "in a coredump", flags));
            }
            long min = s.u32Long();
            long max = flags == 1 ? s.u32Long() : CoreMemory.NO_MAX;
            if (min > MAX_MEMORY_PAGES) {
                throw new MalformedModuleException(at, "memory of " + min + " pages is larger than Trapdoor holds");
            }
            memories.add(new CoreMemory(min, max, new byte[(int) min * 65536]));
        }
    }

    private void globalSection(ByteReader s) {
        for (int n = count(s); n > 0; n--) {
            int at = s.pos();
            ValType type = ValType.fromCode(s.u8());
            if (type == null) {
                throw new MalformedModuleException(at, "unknown global type");
            }
            boolean mutable = s.u8() == 1;
            int op = s.u8();
            long value = 0;
            long high = 0;
            switch (op) {
                case 0x41 -> value = s.s32();
                case 0x42 -> value = s.s64();
                case 0x43 -> value = s.f32Bits() & 0xFFFF_FFFFL;
                case 0x44 -> value = s.f64Bits();
                case 0xFD -> {
                    s.u32();
                    value = s.f64Bits();
                    high = s.f64Bits();
                }
                case 0xD0 -> {
                    s.u8();
                    value = -1;
                }
                default -> throw new MalformedModuleException(at, "global initializer is not a constant");
            }
            if (s.u8() != 0x0B) {
                throw s.malformed("global initializer does not end after its constant");
            }
            globals.add(new CoreGlobal(type, mutable, value, high));
        }
    }

    private void dataSection(ByteReader s) {
        for (int n = count(s); n > 0; n--) {
            int at = s.pos();
            int flags = s.u32();
            int memory = flags == 2 ? s.u32() : 0;
            if ((flags != 0 && flags != 2) || s.u8() != 0x41) {
                throw new MalformedModuleException(at, "data segment is not active at an i32.const offset");
            }
            long offset = s.s32() & 0xFFFF_FFFFL;
            if (s.u8() != 0x0B) {
                throw s.malformed("data segment offset does not end after its constant");
            }
            int length = s.u32();
            int from = s.skip(length);
            if (memory >= memories.size()) {
                throw new MalformedModuleException(at, "data segment for memory " + memory + ", which the dump "
                        + "does not have");
            }
            byte[] target = memories.get(memory).bytes();
            if (offset + length > target.length) {
                throw new MalformedModuleException(at, "data segment at " + offset + " + " + length
                        + " runs past its memory's " + target.length + " bytes");
            }
            System.arraycopy(s.bytes(), from, target, (int) offset, length);
        }
    }
}
