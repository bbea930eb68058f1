/**
 * The fuzz harness: three mutation-fuzzing targets (decoder and validator; instantiate and run every export; the DAP
 * message layer) over a corpus seeded from the spec suite's modules and our fixtures. Each target runs for
 * {@code fuzz.seconds} from {@code fuzz.seed}; input {@code i} is made by {@code new Random(seed + i)}, so a failure
 * names the seed and index that reproduce it, and its bytes are kept in {@code fuzz/target/fuzz-failures/}. The
 * oracle: nothing but the engine's {@code WasmException}s (or an error response) comes out, no JVM {@code Error},
 * nothing runs past its time bound. Depends on the engine's and the server's public API only.
 */
package dev.trapdoor.fuzz;
