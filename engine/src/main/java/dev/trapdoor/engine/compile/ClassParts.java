package dev.trapdoor.engine.compile;

import org.objectweb.asm.ClassWriter;

import java.util.ArrayList;
import java.util.List;

/**
 * The classes one function's chunks go into. A class holds at most {@link #CHUNKS_PER_CLASS} chunks, so a function
 * split into thousands of chunks (a huge function, or a tiny budget) never reaches the class file's limits on
 * constants; chunks call each other only through the runtime, never directly, so they may live in any class.
 */
final class ClassParts {
    static final int CHUNKS_PER_CLASS = 200;

    private final String baseName;
    private final List<ClassWriter> writers = new ArrayList<>();

    ClassParts(String baseName) {
        this.baseName = baseName;
    }

    String name(int part) {
        return part == 0 ? baseName : baseName + "$" + part;
    }

    ClassWriter writer(int part) {
        while (writers.size() <= part) {
            writers.add(JvmCompiler.newClass(name(writers.size())));
        }
        return writers.get(part);
    }

    byte[][] finish() {
        byte[][] bytes = new byte[writers.size()][];
        for (int i = 0; i < bytes.length; i++) {
            writers.get(i).visitEnd();
            bytes[i] = writers.get(i).toByteArray();
        }
        return bytes;
    }
}
