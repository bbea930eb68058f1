;; GC objects with v128 fields, for GcV128TcpTest: $stop traps (unreachable) with a struct whose $pos is a v128
;; and an array of v128 in its parameters, and an i31.
(module
  (type $particle (struct (field $id i32) (field $pos (mut v128))))
  (type $lanes (array (mut v128)))
  (func $stop (param $p (ref $particle)) (param $trail (ref $lanes)) (param $small i31ref)
    (unreachable))
  (func (export "_start")
    (local $p (ref null $particle))
    (local $trail (ref null $lanes))
    (local.set $p (struct.new $particle (i32.const 7) (v128.const i32x4 1 2 3 4)))
    (local.set $trail (array.new $lanes (v128.const i64x2 5 6) (i32.const 3)))
    (array.set $lanes (local.get $trail) (i32.const 2) (v128.const i16x8 -1 0 0 0 0 0 0 9))
    (call $stop (ref.as_non_null (local.get $p)) (ref.as_non_null (local.get $trail))
      (ref.i31 (i32.const -5)))))
