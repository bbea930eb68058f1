package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.text.Wat;
import dev.trapdoor.engine.trap.Trap;

/**
 * Run by {@link GcOutOfMemoryTest} in a JVM with a small heap: a guest that keeps every array it allocates in a
 * linked list until the heap is full, after one array larger than the whole heap. Prints how the guest ended; an {@code OutOfMemoryError} escaping the engine
 * ends this JVM with its stack trace instead.
 */
public final class GcOutOfMemoryMain {
    static final String WAT = """
            (module
              (type $chunk (array (mut i64)))
              (type $cell (struct (field $data (ref $chunk)) (field $next (ref null $cell))))
              (global $all (mut (ref null $cell)) (ref.null $cell))
              (global $count (mut i32) (i32.const 0))
              (func (export "hoard") (result i32)
                (loop $l
                  (global.set $all (struct.new $cell (array.new $chunk (i64.const 7) (i32.const 1024))
                    (global.get $all)))
                  (global.set $count (i32.add (global.get $count) (i32.const 1)))
                  (br $l))
                (unreachable))
              (func (export "huge") (result i32)
                (array.len (array.new_default $chunk (i32.const 10000000))))
              (func (export "count") (result i32) (global.get $count))
              (func (export "drop") (global.set $all (ref.null $cell)))
              (func (export "small") (result i64)
                (array.get $chunk (array.new $chunk (i64.const 5) (i32.const 10)) (i32.const 9))))
            """;

    private GcOutOfMemoryMain() {
    }

    public static void main(String[] args) {
        Store store = new Store(EngineConfig.DEFAULT.withTier(Tier.INTERPRETER));
        Instance inst = store.instantiate(Wasm.load(Wat.compile("hoard.wat", WAT).binary()), (m, n) -> null);
        try {
            // 80 MB in one Java array: the JVM cannot allocate it at all.
            inst.invoke("huge");
            System.out.println("huge returned");
        } catch (Trap t) {
            System.out.println("huge: " + t.getMessage());
        }
        try {
            inst.invoke("hoard");
            System.out.println("returned");
        } catch (Trap t) {
            System.out.println("trapped after " + inst.invoke("count")[0] + " arrays: " + t.getMessage());
        }
        // The store is still usable once the guest lets go of what it hoarded.
        inst.invoke("drop");
        System.out.println("then " + inst.invoke("small")[0]);
    }
}
