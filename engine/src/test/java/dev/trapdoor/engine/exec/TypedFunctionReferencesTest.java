package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.error.InvalidModuleException;
import dev.trapdoor.engine.error.UnlinkableException;
import dev.trapdoor.engine.text.Wat;
import dev.trapdoor.engine.trap.Trap;
import dev.trapdoor.engine.trap.TrapKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Typed function references in every tier: calls through references, null checks and their traps, linking. */
class TypedFunctionReferencesTest {
    private static final String WAT = """
            (module
              (type $binop (func (param i32 i32) (result i32)))
              (func $add (type $binop) (i32.add (local.get 0) (local.get 1)))
              (func $sub (type $binop) (i32.sub (local.get 0) (local.get 1)))
              (elem declare func $add $sub)
              (global $op (mut (ref null $binop)) (ref.null $binop))
              (func (export "pick") (param i32)
                (global.set $op (if (result (ref $binop)) (local.get 0)
                  (then (ref.func $add)) (else (ref.func $sub)))))
              (func (export "clear") (global.set $op (ref.null $binop)))
              (func (export "apply") (param i32 i32) (result i32)
                (call_ref $binop (local.get 0) (local.get 1) (global.get $op)))
              (func (export "checked") (result i32)
                (local $f (ref $binop))
                (local.set $f (ref.as_non_null (global.get $op)))
                (call_ref $binop (i32.const 10) (i32.const 3) (local.get $f)))
              (func (export "orDefault") (result i32)
                (block $null
                  (return (call_ref $binop (i32.const 1) (i32.const 2) (br_on_null $null (global.get $op)))))
                (i32.const -1))
              (func (export "isSet") (result i32)
                (block $set (result (ref $binop))
                  (br_on_non_null $set (global.get $op))
                  (return (i32.const 0)))
                (drop)
                (i32.const 1)))
            """;

    private static Instance instance(Tier tier) {
        return new Store(EngineConfig.DEFAULT.withTier(tier))
                .instantiate(Wasm.load(Wat.compile("refs.wat", WAT).binary()), ImportResolver.NONE);
    }

    @ParameterizedTest
    @EnumSource(Tier.class)
    void callsThroughReferencesAndTrapsOnNull(Tier tier) {
        Instance inst = instance(tier);
        assertEquals(TrapKind.NULL_FUNCTION_REFERENCE,
                assertThrows(Trap.class, () -> inst.invoke("apply", 1, 2)).kind());
        assertEquals(TrapKind.NULL_REFERENCE, assertThrows(Trap.class, () -> inst.invoke("checked")).kind());
        assertEquals(-1, (int) inst.invoke("orDefault")[0]);
        assertEquals(0, (int) inst.invoke("isSet")[0]);
        inst.invoke("pick", 1);
        assertEquals(12, (int) inst.invoke("apply", 5, 7)[0]);
        assertEquals(13, (int) inst.invoke("checked")[0]);
        assertEquals(3, (int) inst.invoke("orDefault")[0]);
        assertEquals(1, (int) inst.invoke("isSet")[0]);
        inst.invoke("pick", 0);
        assertEquals(-2, (int) inst.invoke("apply", 5, 7)[0]);
        assertEquals(7, (int) inst.invoke("checked")[0]);
        inst.invoke("clear");
        assertEquals(0, (int) inst.invoke("isSet")[0]);
    }

    @Test
    void aNonNullableLocalMustBeSetBeforeItIsRead() {
        String wat = "(module (type $t (func)) (func (local $f (ref $t)) (drop (local.get $f))))";
        InvalidModuleException e = assertThrows(InvalidModuleException.class,
                () -> Wasm.load(Wat.compile("m.wat", wat).binary()));
        assertTrue(e.getMessage().contains("uninitialized local"), e.getMessage());
        // A set inside a block does not count after the block's end.
        String scoped = "(module (type $t (func)) (func $g) (elem declare func $g) (func (local $f (ref $t))"
                + " (block (local.set $f (ref.func $g))) (drop (local.get $f))))";
        assertThrows(InvalidModuleException.class, () -> Wasm.load(Wat.compile("m.wat", scoped).binary()));
    }

    @Test
    void equivalentFunctionTypesOfTwoModulesLink() {
        Store store = new Store(EngineConfig.DEFAULT);
        Instance a = store.instantiate(Wasm.load(Wat.compile("a.wat", """
                (module (type $t (func (param (ref null $t))))
                  (func (export "f") (type $t))
                  (global (export "g") (ref null $t) (ref.null $t)))
                """).binary()), ImportResolver.NONE);
        String importer = """
                (module (type $u (func (param (ref null $u))))
                  (import "a" "f" (func (type $u)))
                  (import "a" "g" (global (ref null func))))
                """;
        ImportResolver fromA = (module, name) -> a.exports().get(name);
        store.instantiate(Wasm.load(Wat.compile("b.wat", importer).binary()), fromA);
        // The same shape that refers to another type is another type.
        String other = """
                (module (type $v (func)) (type $u (func (param (ref null $v))))
                  (import "a" "f" (func (type $u))))
                """;
        assertThrows(UnlinkableException.class,
                () -> store.instantiate(Wasm.load(Wat.compile("c.wat", other).binary()), fromA));
    }

    @ParameterizedTest
    @EnumSource(Tier.class)
    void aDeclaredSubtypePassesCallIndirectOfItsSupertype(Tier tier) {
        String wat = """
                (module
                  (type $base (sub (func (result i32))))
                  (type $derived (sub final $base (func (result i32))))
                  (type $other (func (result i32)))
                  (func $d (type $derived) (i32.const 7))
                  (func $o (type $other) (i32.const 8))
                  (table funcref (elem $d $o))
                  (func (export "call") (param i32) (result i32)
                    (call_indirect (type $base) (local.get 0))))
                """;
        Instance inst = new Store(EngineConfig.DEFAULT.withTier(tier))
                .instantiate(Wasm.load(Wat.compile("sub.wat", wat).binary()), ImportResolver.NONE);
        assertEquals(7, (int) inst.invoke("call", 0)[0]);
        // A structurally equal final type is no subtype of $base.
        assertEquals(TrapKind.INDIRECT_CALL_TYPE_MISMATCH,
                assertThrows(Trap.class, () -> inst.invoke("call", 1)).kind());
    }

    @Test
    void isomorphicRecursiveGroupsOfTwoModulesAreOneType() {
        String group = "(rec (type $a (func (param (ref null $b)))) (type $b (func (param (ref null $a)))))";
        Store store = new Store(EngineConfig.DEFAULT);
        Instance a = store.instantiate(Wasm.load(Wat.compile("a.wat", "(module " + group
                + " (func (export \"f\") (type $a)))").binary()), ImportResolver.NONE);
        ImportResolver fromA = (module, name) -> a.exports().get(name);
        store.instantiate(Wasm.load(Wat.compile("b.wat", "(module " + group
                + " (import \"a\" \"f\" (func (type $a))))").binary()), fromA);
        // The other member of the same group has another type.
        assertThrows(UnlinkableException.class, () -> store.instantiate(Wasm.load(Wat.compile("c.wat", "(module "
                + group + " (import \"a\" \"f\" (func (type $b))))").binary()), fromA));
        // A group of one with the same shape is not the group.
        assertThrows(UnlinkableException.class, () -> store.instantiate(Wasm.load(Wat.compile("d.wat",
                "(module (type $a (func (param (ref null $a)))) (import \"a\" \"f\" (func (type $a))))")
                .binary()), fromA));
    }

    @Test
    void aSubtypeDeclarationMustMatchItsNonFinalSupertype() {
        String finalSuper = "(module (type $s (func)) (type (sub $s (func))))";
        assertTrue(assertThrows(InvalidModuleException.class,
                () -> Wasm.load(Wat.compile("m.wat", finalSuper).binary())).getMessage().contains("sub type"));
        String mismatch = "(module (type $s (sub (func))) (type (sub $s (func (param i32)))))";
        assertTrue(assertThrows(InvalidModuleException.class,
                () -> Wasm.load(Wat.compile("m.wat", mismatch).binary())).getMessage().contains("sub type"));
    }
}
