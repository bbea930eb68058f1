package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.text.Wat;
import dev.trapdoor.engine.trap.Trap;
import dev.trapdoor.engine.trap.TrapKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each GC instruction that can trap does so with its own {@link TrapKind} (what a debugger's exception filter
 * selects) and the spec's message, in every tier.
 */
class GcTrapKindsTest {
    private static final String WAT = """
            (module
              (type $s (struct (field (mut i32))))
              (type $a (array (mut i8)))
              (type $b (struct))
              (data $d "abc")
              (elem $e funcref (ref.func $f))
              (func $f)
              (type $fs (array (mut funcref)))
              (func (export "struct.get null") (result i32) (struct.get $s 0 (ref.null $s)))
              (func (export "struct.set null") (struct.set $s 0 (ref.null $s) (i32.const 1)))
              (func (export "array.len null") (result i32) (array.len (ref.null $a)))
              (func (export "array.get null") (result i32) (array.get_u $a (ref.null $a) (i32.const 0)))
              (func (export "array.fill null") (array.fill $a (ref.null $a) (i32.const 0) (i32.const 0) (i32.const 0)))
              (func (export "i31.get_s null") (result i32) (i31.get_s (ref.null i31)))
              (func (export "array.get oob") (result i32)
                (array.get_s $a (array.new_default $a (i32.const 2)) (i32.const 2)))
              (func (export "array.set oob")
                (array.set $a (array.new_default $a (i32.const 2)) (i32.const -1) (i32.const 0)))
              (func (export "array.fill oob")
                (array.fill $a (array.new_default $a (i32.const 2)) (i32.const 1) (i32.const 0) (i32.const 2)))
              (func (export "array.copy oob")
                (array.copy $a $a (array.new_default $a (i32.const 2)) (i32.const 0)
                  (array.new_default $a (i32.const 1)) (i32.const 0) (i32.const 2)))
              (func (export "array.init_data oob")
                (array.init_data $a $d (array.new_default $a (i32.const 2)) (i32.const 1) (i32.const 0) (i32.const 2)))
              (func (export "array.new_data oob") (result i32)
                (array.len (array.new_data $a $d (i32.const 2) (i32.const 2))))
              (func (export "array.init_elem oob")
                (array.init_elem $fs $e (array.new_default $fs (i32.const 1)) (i32.const 1) (i32.const 0) (i32.const 1)))
              (func (export "ref.cast") (result i32)
                (ref.test (ref $s) (ref.cast (ref $s) (struct.new $b)))))
            """;

    private static final Map<String, TrapKind> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put("struct.get null", TrapKind.NULL_STRUCTURE_REFERENCE);
        EXPECTED.put("struct.set null", TrapKind.NULL_STRUCTURE_REFERENCE);
        EXPECTED.put("array.len null", TrapKind.NULL_ARRAY_REFERENCE);
        EXPECTED.put("array.get null", TrapKind.NULL_ARRAY_REFERENCE);
        EXPECTED.put("array.fill null", TrapKind.NULL_ARRAY_REFERENCE);
        EXPECTED.put("i31.get_s null", TrapKind.NULL_I31_REFERENCE);
        EXPECTED.put("array.get oob", TrapKind.ARRAY_OUT_OF_BOUNDS);
        EXPECTED.put("array.set oob", TrapKind.ARRAY_OUT_OF_BOUNDS);
        EXPECTED.put("array.fill oob", TrapKind.ARRAY_OUT_OF_BOUNDS);
        EXPECTED.put("array.copy oob", TrapKind.ARRAY_OUT_OF_BOUNDS);
        EXPECTED.put("array.init_data oob", TrapKind.ARRAY_OUT_OF_BOUNDS);
        EXPECTED.put("array.new_data oob", TrapKind.MEMORY_OUT_OF_BOUNDS);
        EXPECTED.put("array.init_elem oob", TrapKind.ARRAY_OUT_OF_BOUNDS);
        EXPECTED.put("ref.cast", TrapKind.CAST_FAILURE);
    }

    @ParameterizedTest
    @EnumSource(Tier.class)
    void eachTrapHasItsKindAndTheSpecsMessage(Tier tier) {
        Instance inst = new Store(EngineConfig.DEFAULT.withTier(tier))
                .instantiate(Wasm.load(Wat.compile("traps.wat", WAT).binary()), ImportResolver.NONE);
        EXPECTED.forEach((export, kind) -> {
            Trap t = assertThrows(Trap.class, () -> inst.invoke(export), export);
            assertEquals(kind, t.kind(), export + ": " + t.getMessage());
            assertTrue(t.getMessage().startsWith(kind.message()), export + ": " + t.getMessage());
        });
    }
}
