;; WebAssembly GC in the text format: a linked list, a binary tree, and a cast that fails.
;; `trapdoor run examples/gc.wat` prints 55 (the list's sum) and 15 (the tree's nodes), then traps with
;; "cast failure": $mistake casts the list to a tree. In a debugger, $list and $tree expand to their fields and
;; $squares to its elements.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (type $node (struct (field $value i32) (field $next (ref null $node))))
  (type $tree (struct (field $left (ref null $tree)) (field $key i32) (field $right (ref null $tree))))
  (type $squares (array (mut i32)))

  (func $list (param $n i32) (result (ref null $node))
    (local $head (ref null $node))
    (block $done
      (loop $more
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $head (struct.new $node (local.get $n) (local.get $head)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $more)))
    (local.get $head))

  (func $sum (param $list (ref null $node)) (result i32)
    (local $total i32)
    (block $done
      (loop $more
        (br_if $done (ref.is_null (local.get $list)))
        (local.set $total (i32.add (local.get $total) (struct.get $node $value (local.get $list))))
        (local.set $list (struct.get $node $next (local.get $list)))
        (br $more)))
    (local.get $total))

  (func $tree (param $depth i32) (param $key i32) (result (ref null $tree))
    (if (result (ref null $tree)) (i32.eqz (local.get $depth))
      (then (ref.null $tree))
      (else
        (struct.new $tree
          (call $tree (i32.sub (local.get $depth) (i32.const 1)) (i32.mul (local.get $key) (i32.const 2)))
          (local.get $key)
          (call $tree (i32.sub (local.get $depth) (i32.const 1))
            (i32.add (i32.mul (local.get $key) (i32.const 2)) (i32.const 1)))))))

  (func $count (param $t (ref null $tree)) (result i32)
    (if (result i32) (ref.is_null (local.get $t))
      (then (i32.const 0))
      (else
        (i32.add (i32.const 1)
          (i32.add (call $count (struct.get $tree $left (local.get $t)))
                   (call $count (struct.get $tree $right (local.get $t))))))))

  ;; Writes $v in decimal and a newline to stdout.
  (func $print (param $v i32)
    (local $p i32)
    (local.set $p (i32.const 32))
    (i32.store8 (local.get $p) (i32.const 10))
    (loop $digit
      (local.set $p (i32.sub (local.get $p) (i32.const 1)))
      (i32.store8 (local.get $p) (i32.add (i32.const 48) (i32.rem_u (local.get $v) (i32.const 10))))
      (local.set $v (i32.div_u (local.get $v) (i32.const 10)))
      (br_if $digit (local.get $v)))
    (i32.store (i32.const 0) (local.get $p))
    (i32.store (i32.const 4) (i32.sub (i32.const 33) (local.get $p)))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))

  (func $mistake (param $any anyref) (result i32)
    (struct.get $tree $key (ref.cast (ref $tree) (local.get $any))))

  (func (export "_start")
    (local $list (ref null $node))
    (local $tree (ref null $tree))
    (local $squares (ref null $squares))
    (local.set $squares
      (array.new_fixed $squares 5 (i32.const 0) (i32.const 1) (i32.const 4) (i32.const 9) (i32.const 16)))
    (local.set $list (call $list (i32.const 10)))
    (local.set $tree (call $tree (i32.const 4) (i32.const 1)))
    (call $print (call $sum (local.get $list)))
    (call $print (call $count (local.get $tree)))
    (call $print (call $mistake (local.get $list)))))
