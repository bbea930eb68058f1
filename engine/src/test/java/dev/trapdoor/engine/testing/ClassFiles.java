package dev.trapdoor.engine.testing;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads class files the way size and shape tests need: each method's bytecode length, and what a method calls. */
public final class ClassFiles {
    private ClassFiles() {
    }

    /** The largest code length per method name, from the class file format (JVMS 4). */
    public static Map<String, Integer> codeLengths(InputStream raw) throws IOException {
        Map<String, Integer> sizes = new HashMap<>();
        for (Map.Entry<String, byte[]> m : read(raw).codes.entrySet()) {
            sizes.put(m.getKey(), m.getValue().length);
        }
        return sizes;
    }

    /** How many instructions of {@code method}'s bytecode have opcode {@code opcode} (JVMS 6.5). */
    public static int count(InputStream raw, String method, int opcode) throws IOException {
        byte[] code = code(read(raw), method);
        int n = 0;
        for (int pc = 0; pc < code.length; pc += length(code, pc)) {
            if ((code[pc] & 0xFF) == opcode) {
                n++;
            }
        }
        return n;
    }

    /**
     * The methods the bytecode of {@code method} invokes, as {@code Owner.name} with the owner's simple name (nested
     * classes as {@code Outer$Inner}), in the order first met. Fails when the class has no such method.
     */
    public static Set<String> calls(InputStream raw, String method) throws IOException {
        return new LinkedHashSet<>(invokes(read(raw), method));
    }

    /** How many invoke instructions of {@code method} call {@code Owner.name} (as {@link #calls} names them). */
    public static int countCalls(InputStream raw, String method, String target) throws IOException {
        return (int) invokes(read(raw), method).stream().filter(target::equals).count();
    }

    /** The target of every invoke instruction of {@code method}, in code order, named as {@link #calls} names them. */
    private static List<String> invokes(ClassData data, String method) throws IOException {
        byte[] code = code(data, method);
        List<String> targets = new ArrayList<>();
        for (int pc = 0; pc < code.length; pc += length(code, pc)) {
            int op = code[pc] & 0xFF;
            if (op >= 0xB6 && op <= 0xB9) { // invokevirtual, invokespecial, invokestatic, invokeinterface
                int ref = (code[pc + 1] & 0xFF) << 8 | code[pc + 2] & 0xFF;
                String owner = data.utf8[data.first[data.first[ref]]];
                String name = data.utf8[data.first[data.second[ref]]];
                targets.add(owner.substring(owner.lastIndexOf('/') + 1) + "." + name);
            }
        }
        return targets;
    }

    private static byte[] code(ClassData data, String method) throws IOException {
        byte[] code = data.codes.get(method);
        if (code == null) {
            throw new IOException("no method " + method + " in " + data.codes.keySet());
        }
        return code;
    }

    /** The length of the instruction at {@code pc} (JVMS 6.5), switch padding and {@code wide} included. */
    private static int length(byte[] code, int pc) {
        int op = code[pc] & 0xFF;
        switch (op) {
            case 0x10, 0x12, 0x15, 0x16, 0x17, 0x18, 0x19, 0x36, 0x37, 0x38, 0x39, 0x3A, 0xA9, 0xBC:
                return 2;
            case 0x11, 0x13, 0x14, 0x84, 0xB2, 0xB3, 0xB4, 0xB5, 0xB6, 0xB7, 0xB8, 0xBB, 0xBD, 0xC0, 0xC1, 0xC6, 0xC7:
                return 3;
            case 0xC5:
                return 4;
            case 0xB9, 0xBA, 0xC8, 0xC9:
                return 5;
            case 0xC4:
                return (code[pc + 1] & 0xFF) == 0x84 ? 6 : 4;
            case 0xAA, 0xAB: {
                int at = (pc + 4) & ~3; // default offset, after 0-3 bytes of padding
                if (op == 0xAA) {
                    int low = readInt(code, at + 4);
                    int high = readInt(code, at + 8);
                    return at + 12 + 4 * (high - low + 1) - pc;
                }
                return at + 8 + 8 * readInt(code, at + 4) - pc;
            }
            default:
                if (op >= 0x99 && op <= 0xA8) { // conditional branches, goto, jsr
                    return 3;
                }
                return 1;
        }
    }

    private static int readInt(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | b[at + 3] & 0xFF;
    }

    /** The constant pool's strings and the two indexes of each reference entry, and each method's (largest) code. */
    private record ClassData(String[] utf8, int[] first, int[] second, Map<String, byte[]> codes) {
    }

    private static ClassData read(InputStream raw) throws IOException {
        try (DataInputStream in = new DataInputStream(raw)) {
            in.readInt();
            in.readUnsignedShort();
            in.readUnsignedShort();
            int poolCount = in.readUnsignedShort();
            String[] utf8 = new String[poolCount];
            int[] first = new int[poolCount];
            int[] second = new int[poolCount];
            for (int i = 1; i < poolCount; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8[i] = in.readUTF();
                    case 9, 10, 11, 12 -> {
                        first[i] = in.readUnsignedShort();
                        second[i] = in.readUnsignedShort();
                    }
                    case 3, 4, 17, 18 -> in.skipNBytes(4);
                    case 5, 6 -> {
                        in.skipNBytes(8);
                        i++;
                    }
                    case 7 -> first[i] = in.readUnsignedShort();
                    case 8, 16, 19, 20 -> in.skipNBytes(2);
                    case 15 -> in.skipNBytes(3);
                    default -> throw new IOException("unknown constant pool tag " + tag);
                }
            }
            in.skipNBytes(6);
            in.skipNBytes(2L * in.readUnsignedShort());
            skipMembers(in);
            Map<String, byte[]> codes = new HashMap<>();
            int methods = in.readUnsignedShort();
            for (int m = 0; m < methods; m++) {
                in.skipNBytes(2);
                String name = utf8[in.readUnsignedShort()];
                in.skipNBytes(2);
                int attrs = in.readUnsignedShort();
                for (int a = 0; a < attrs; a++) {
                    String attr = utf8[in.readUnsignedShort()];
                    int len = in.readInt();
                    if (attr.equals("Code")) {
                        in.skipNBytes(4);
                        byte[] code = in.readNBytes(in.readInt());
                        codes.merge(name, code, (x, y) -> x.length >= y.length ? x : y);
                        in.skipNBytes(len - 8 - code.length);
                    } else {
                        in.skipNBytes(len);
                    }
                }
            }
            return new ClassData(utf8, first, second, codes);
        }
    }

    private static void skipMembers(DataInputStream in) throws IOException {
        int count = in.readUnsignedShort();
        for (int i = 0; i < count; i++) {
            in.skipNBytes(6);
            int attrs = in.readUnsignedShort();
            for (int a = 0; a < attrs; a++) {
                in.skipNBytes(2);
                in.skipNBytes(in.readInt());
            }
        }
    }
}
