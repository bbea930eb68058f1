;; A text-format program to debug: sums 1..3 through a helper, then prints the total it expects.
;; `trapdoor run examples/count.wat` runs it; the markers (// @name) are for the integration tests.
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "sum 6\n")
  (func $add (param $a i32) (param $b i32) (result i32)
    (i32.add (local.get $a) (local.get $b))) ;; // @add
  (func $main (export "_start")
    (local $i i32) (local $sum i32)
    (local.set $i (i32.const 1))
    (loop $next
      (local.set $sum (call $add (local.get $sum) (local.get $i))) ;; // @call
      (local.set $i (i32.add (local.get $i) (i32.const 1))) ;; // @incr
      (br_if $next (i32.le_u (local.get $i) (i32.const 3))))
    (if (i32.ne (local.get $sum) (i32.const 6)) (then unreachable))
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 6))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))
