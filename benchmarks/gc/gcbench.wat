;; WebAssembly GC workloads for gc/run.sh: "alloc" builds a list of n nodes between garbage made in the loop and in
;; two levels of callees (23 allocations per node, so collections run while compiled frames hold the list);
;; "fields" moves 1000 points (structs in an array of references) k times through struct.get/struct.set.
(module
  (type $node (struct (field $v i32) (field $next (ref null $node))))
  (type $arr (array (mut i32)))
  (type $pt (struct (field $x (mut f64)) (field $y (mut f64)) (field $vx f64) (field $vy f64)))
  (type $pts (array (mut (ref null $pt))))
  (func $garbage (param $k i32)
    (loop $l
      (drop (array.new_default $arr (i32.const 8)))
      (br_if $l (local.tee $k (i32.sub (local.get $k) (i32.const 1))))))
  (func $middle (param $k i32) (result i32) (local $mine (ref null $arr))
    (local.set $mine (array.new $arr (local.get $k) (i32.const 3)))
    (call $garbage (i32.const 20))
    (i32.add (array.get $arr (local.get $mine) (i32.const 0))
      (array.get $arr (local.get $mine) (i32.const 2))))
  ;; allocation-heavy: a list of n nodes built between garbage
  (func (export "alloc") (param $n i32) (result i32)
    (local $head (ref null $node)) (local $p (ref null $node)) (local $i i32) (local $s i32)
    (loop $build
      (local.set $head (struct.new $node (local.get $i) (local.get $head)))
      (drop (array.new_default $arr (i32.const 64)))
      (local.set $s (i32.add (local.get $s) (call $middle (local.get $i))))
      (br_if $build (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
    (local.set $p (local.get $head))
    (loop $walk
      (local.set $s (i32.add (local.get $s) (struct.get $node $v (local.get $p))))
      (local.set $p (struct.get $node $next (local.get $p)))
      (br_if $walk (i32.eqz (ref.is_null (local.get $p)))))
    (local.get $s))
  ;; field-heavy: 1000 points moved k times
  (func (export "fields") (param $k i32) (result f64)
    (local $ps (ref null $pts)) (local $i i32) (local $p (ref null $pt)) (local $s f64)
    (local.set $ps (array.new_default $pts (i32.const 1000)))
    (loop $init
      (array.set $pts (local.get $ps) (local.get $i)
        (struct.new $pt (f64.convert_i32_u (local.get $i)) (f64.const 0) (f64.const 0.5) (f64.convert_i32_u (i32.and (local.get $i) (i32.const 7)))))
      (br_if $init (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 1000))))
    (loop $outer
      (local.set $i (i32.const 0))
      (loop $inner
        (local.set $p (array.get $pts (local.get $ps) (local.get $i)))
        (struct.set $pt $x (local.get $p) (f64.add (struct.get $pt $x (local.get $p)) (struct.get $pt $vx (local.get $p))))
        (struct.set $pt $y (local.get $p) (f64.add (struct.get $pt $y (local.get $p)) (struct.get $pt $vy (local.get $p))))
        (br_if $inner (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 1000))))
      (br_if $outer (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))
    (local.set $i (i32.const 0))
    (loop $sum
      (local.set $p (array.get $pts (local.get $ps) (local.get $i)))
      (local.set $s (f64.add (local.get $s) (f64.add (struct.get $pt $x (local.get $p)) (struct.get $pt $y (local.get $p)))))
      (br_if $sum (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 1000))))
    (local.get $s))
)
