package dev.trapdoor.engine.testing;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

/** Reads class files the way size tests need: each method's bytecode length. */
public final class ClassFiles {
    private ClassFiles() {
    }

    /** The largest code length per method name, from the class file format (JVMS 4). */
    public static Map<String, Integer> codeLengths(InputStream raw) throws IOException {
        try (DataInputStream in = new DataInputStream(raw)) {
            in.readInt();
            in.readUnsignedShort();
            in.readUnsignedShort();
            int poolCount = in.readUnsignedShort();
            String[] utf8 = new String[poolCount];
            for (int i = 1; i < poolCount; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8[i] = in.readUTF();
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
                    case 5, 6 -> {
                        in.skipNBytes(8);
                        i++;
                    }
                    case 7, 8, 16, 19, 20 -> in.skipNBytes(2);
                    case 15 -> in.skipNBytes(3);
                    default -> throw new IOException("unknown constant pool tag " + tag);
                }
            }
            in.skipNBytes(6);
            in.skipNBytes(2L * in.readUnsignedShort());
            skipMembers(in);
            Map<String, Integer> sizes = new HashMap<>();
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
                        int codeLength = in.readInt();
                        sizes.merge(name, codeLength, Math::max);
                        in.skipNBytes(len - 8);
                    } else {
                        in.skipNBytes(len);
                    }
                }
            }
            return sizes;
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
