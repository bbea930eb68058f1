package dev.trapdoor.engine.compile;

/**
 * What the translator produced for one function: the class bytes and the tables its runtime needs.
 *
 * @param bytes         a class named {@code className} with a static {@code call(int fp)} entry method and static
 *                      chunk methods {@code c0..c<chunkCount-1>(int fp, int entry)}
 * @param chunkCount    how many chunk methods the function needed under the budget
 * @param entryIds      every entry id a chunk accepts, sorted (see {@link EntryIds})
 * @param entryChunks   the chunk accepting {@code entryIds[i]}
 * @param siteOffsets   module offset of each trap or call site, by site number
 * @param siteOps       the Wasm opcode of each site
 * @param siteMemOffset the static offset of a memory access site (0 elsewhere)
 * @param frameSize     slots of the function's frame in the interpreter's layout (locals, zero slot, operands)
 * @param chunkSizes    bytecode size of each chunk method
 * @param localCount    parameters plus declared locals
 */
public record CompiledClass(byte[] bytes, int chunkCount, int[] entryIds, int[] entryChunks, int[] siteOffsets,
                            int[] siteOps, long[] siteMemOffset, int frameSize, int[] chunkSizes, int localCount) {
}
