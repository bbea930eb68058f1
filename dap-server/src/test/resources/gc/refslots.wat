;; Reference slots a debugger sets, for GcReferenceSlotsTcpTest. $node's fields have no names (the variables view
;; shows "field 0", "field 1"). $check casts $other to a node: with the values _start passes it traps ("cast
;; failure"), unless a debugger stopped at $check's entry stores a node in $other first.
(module
  (type $node (struct (field i32) (field (mut (ref null $node)))))
  (type $box (struct (field $v (mut i32))))
  (global $head (mut (ref null $node)) (ref.null $node))
  (func $check (param $list (ref null $node)) (param $other anyref) (param $box (ref $box)) (result i32)
    (struct.get $node 0 (ref.cast (ref $node) (local.get $other))))
  (func (export "_start")
    (local $list (ref null $node))
    (local $box (ref null $box))
    (local.set $list (struct.new $node (i32.const 1) (struct.new $node (i32.const 2) (ref.null $node))))
    (local.set $box (struct.new $box (i32.const 7)))
    (global.set $head (local.get $list))
    (drop (call $check (local.get $list) (local.get $box) (ref.as_non_null (local.get $box))))))
