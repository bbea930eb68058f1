;; Wrong results that differential fuzzing against V8 found (issue 27), in the spec suite's format so the spec
;; runner checks them plainly, under a debugger and single-stepped.

;; A store whose address is (i32.add (i32.const C) (i32.load ...)) and whose value is a constant used C plus the
;; value as its address: the constant went into the slot the loaded base was still to be read from.
(module
  (memory 1)
  (func (export "store8") (param i32) (result i32)
    (i32.store (i32.const 0) (local.get 0))
    (i32.store8 (i32.add (i32.const 1000) (i32.load (i32.const 0))) (i32.const 0x44))
    (i32.load8_u (i32.add (i32.const 1000) (local.get 0))))
  (func (export "store32") (param i32) (result i32)
    (i32.store (i32.const 0) (local.get 0))
    (i32.store (i32.add (i32.const 1000) (i32.load (i32.const 0))) (i32.const 0x11223344))
    (i32.load (i32.add (i32.const 1000) (local.get 0))))
  (func (export "store64") (param i32) (result i64)
    (i32.store (i32.const 0) (local.get 0))
    (i64.store (i32.add (i32.const 8) (i32.load (i32.const 0))) (i64.const 0x0102030405060708))
    (i64.load (i32.add (i32.const 8) (local.get 0))))
  (func (export "peek") (param i32) (result i32) (i32.load8_u (local.get 0))))
(assert_return (invoke "store8" (i32.const 256)) (i32.const 0x44))
(assert_return (invoke "peek" (i32.const 1068)) (i32.const 0))
(assert_return (invoke "store32" (i32.const 2000)) (i32.const 0x11223344))
(assert_return (invoke "store64" (i32.const 16)) (i64.const 0x0102030405060708))
(assert_trap (invoke "store8" (i32.const 0x7fff0000)) "out of bounds memory access")
(assert_trap (invoke "store32" (i32.const 0x7fff0000)) "out of bounds memory access")

;; Declared reference locals start null.
(module
  (func $f)
  (elem declare func $f)
  (func $dirty (local funcref) (local.set 0 (ref.func $f)))
  (func (export "funcref-null") (result i32) (local funcref) (ref.is_null (local.get 0)))
  (func (export "externref-null") (result i32) (local i64 externref) (ref.is_null (local.get 1)))
  (func (export "funcref-returned") (result funcref) (local i32 funcref) (local.get 1))
  (func (export "externref-returned") (result externref) (local externref) (local.get 0))
  (func (export "after-dirty") (result i32) (call $dirty) (call 2)))
(assert_return (invoke "funcref-null") (i32.const 1))
(assert_return (invoke "externref-null") (i32.const 1))
(assert_return (invoke "funcref-returned") (ref.null func))
(assert_return (invoke "externref-returned") (ref.null extern))
(assert_return (invoke "after-dirty") (i32.const 1))

;; A block type is 0x40, a one-byte value type or a non-negative s33 type index: a negative s33 in two bytes is
;; malformed, whether it spells i32 (ff 7f) or the empty type (c0 7f).
(assert_malformed
  (module binary
    "\00asm" "\01\00\00\00"
    "\01\04\01\60\00\00"
    "\03\02\01\00"
    "\0a\08\01\06\00\02\ff\7f\0b\0b")
  "malformed block type")
(assert_malformed
  (module binary
    "\00asm" "\01\00\00\00"
    "\01\04\01\60\00\00"
    "\03\02\01\00"
    "\0a\08\01\06\00\02\c0\7f\0b\0b")
  "malformed block type")
;; The same body with the one-byte empty type loads.
(module binary
  "\00asm" "\01\00\00\00"
  "\01\04\01\60\00\00"
  "\03\02\01\00"
  "\0a\07\01\05\00\02\40\0b\0b")
