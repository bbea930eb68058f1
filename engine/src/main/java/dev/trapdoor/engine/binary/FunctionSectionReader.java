package dev.trapdoor.engine.binary;

/** Section 3: the type index of each function the module defines. */
final class FunctionSectionReader {
    private FunctionSectionReader() {
    }

    static void read(ByteReader r, ModuleParts parts) {
        int[] typeIndices = new int[Vectors.count(r)];
        for (int i = 0; i < typeIndices.length; i++) {
            typeIndices[i] = Vectors.index(r);
        }
        parts.definedFunctionTypes = typeIndices;
    }
}
