package dev.trapdoor.engine.compile;

/**
 * What the translator produced for one function: the class bytes and the tables its runtime needs.
 *
 * @param classes       the class bytes: class 0 has the static {@code call(int fp)} entry; chunk {@code k}, a static
 *                      method {@code ck(int fp, int entry)}, is in class {@code k / chunksPerClass}
 * @param chunksPerClass how many chunks each class holds
 * @param chunkCount    how many chunk methods the function needed under the budget
 * @param entryIds      every entry id a chunk accepts, sorted (see {@link EntryIds})
 * @param entryChunks   the chunk accepting {@code entryIds[i]}
 * @param siteOffsets   module offset of each trap or call site, by site number
 * @param siteOps       the Wasm opcode of each site
 * @param siteMemOffset the static offset of a memory access site (0 elsewhere)
 * @param frameSize     slots of the function's frame in the interpreter's layout (locals, zero slot, operands)
 * @param chunkSizes    bytecode size of each chunk method
 * @param localCount    parameters plus declared locals
 * @param brTables      for each br_table too big for one switch, its index → distinct-target map (default last)
 * @param typedEntry    class 0 also has the typed entry {@link TypedCalls#METHOD}
 * @param tailCalls     the function makes tail calls: class 0 also has {@link JvmCompiler#TAIL_BODY}, the entry
 *                      that leaves the last one pending for the runtime's trampoline
 * @param typedSitesFrom the first site number of the typed entry's own sites (numbered after the chunks'), or
 *                      {@link Integer#MAX_VALUE} without a typed entry: a frame unwinding through such a site is a
 *                      typed one, which the interpreter's compiled-frame count does not hold
 * @param handlers      the function has a {@code try}: its declared locals must be set in the value stack on entry,
 *                      since a throw moves the frame into the interpreter, whose handler may read locals the
 *                      compiled code (where handlers are dead code) never touched
 * @param zeroSlots     the declared locals the value-stack entry sets in the value stack before chunk 0 runs
 *                      ({@link EntryZeroes}), ascending
 * @param denseIds      number → entry id of the numbers chunks hand each other ({@link DenseEntries}), or null when
 *                      they hand over the ids themselves
 * @param denseChunks   number → the chunk that takes it, for the numbers of entries (null with {@code denseIds})
 * @param bareOmits     a bare trap handler left out values pending at its site ({@link Sites#bareEnabled}): a
 *                      debugger that attaches later must drop this code to see them
 * @param bareCalls     the typed entry has bare call sites ({@link Sites#bareCallsEnabled}): a debug stop must not
 *                      move its frames, and a debugger that attaches later swaps the typed entry
 *                      ({@code exec.BareSwap})
 */
public record CompiledClass(byte[][] classes, int chunksPerClass, int chunkCount, int[] entryIds, int[] entryChunks, int[] siteOffsets,
                            int[] siteOps, long[] siteMemOffset, int frameSize, int[] chunkSizes, int localCount,
                            int[][] brTables, boolean typedEntry, boolean tailCalls,
                            boolean handlers, int typedSitesFrom, int[] zeroSlots,
                            int[] denseIds, int[] denseChunks, boolean bareOmits,
                            boolean bareCalls) {
}
