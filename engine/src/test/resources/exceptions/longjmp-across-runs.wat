;; Lua's error unwinding as clang builds it for Wasm (benchmarks/whole/lua/lua_eh.s): a "pcall" saves the C shadow
;; stack pointer, runs a body inside a legacy try/catch_all through call_indirect, and restores the pointer in its
;; catch; an "error" deep below throws a payload-less tag, skipping frames that moved the shadow stack pointer.
;; ThrowAcrossRunsTest keeps the functions marked "interpreted" out of the compiled tier, so that the exception
;; crosses three interpreter runs with compiled frames between them:
;;   run -> loop (run 1) -> pcall (compiled) -> protect (run 2) -> body (compiled) -> raise -> raiseInner (run 3)
;;       -> longjmp (compiled: throw)
;; and is caught in run 2. The shadow stack pointer must be back where it started after every pcall, and "raise"
;; must never return from its call (that was the Lua benchmark's "unreachable in luaD_throw").
(module
  (type $thunk (func (param i32)))
  (memory 1)
  (global $sp (mut i32) (i32.const 4096))
  (tag $jmp)
  (table funcref (elem $body))

  ;; compiled: the longjmp
  (func $longjmp (param $trap i32)
    (if (local.get $trap) (then (unreachable)))
    (throw $jmp))

  ;; interpreted (run 3): a C function that errors for odd arguments
  (func $raiseInner (param $x i32)
    (if (i32.and (local.get $x) (i32.const 1))
      (then (call $longjmp (i32.eq (local.get $x) (i32.const -1))))))

  ;; interpreted (run 3's entry): moves the shadow stack, and returns only when no error was raised
  (func $raise (param $x i32)
    (global.set $sp (i32.sub (global.get $sp) (i32.const 32)))
    (i32.store (global.get $sp) (local.get $x))
    (call $raiseInner (local.get $x))
    (if (i32.and (local.get $x) (i32.const 1)) (then (unreachable)))
    (global.set $sp (i32.add (global.get $sp) (i32.const 32))))

  ;; compiled: the protected body
  (func $body (param $x i32)
    (global.set $sp (i32.sub (global.get $sp) (i32.const 16)))
    (call $raise (local.get $x))
    (global.set $sp (i32.add (global.get $sp) (i32.const 16))))

  ;; interpreted (run 2): luaD_rawrunprotected's try; 1 when an error unwound out of the body
  (func $protect (param $f i32) (param $arg i32) (result i32) (local $saved i32)
    (local.set $saved (global.get $sp))
    (try
      (do (call_indirect (type $thunk) (local.get $arg) (local.get $f)))
      (catch_all
        (global.set $sp (local.get $saved))
        (return (i32.const 1))))
    (i32.const 0))

  ;; compiled: pcall
  (func $pcall (param $x i32) (result i32) (local $r i32)
    (global.set $sp (i32.sub (global.get $sp) (i32.const 16)))
    (local.set $r (call $protect (i32.const 0) (local.get $x)))
    (global.set $sp (i32.add (global.get $sp) (i32.const 16)))
    (local.get $r))

  ;; interpreted (run 1): pcall in a loop; the number of errors caught
  (func $loop (param $n i32) (param $first i32) (result i32) (local $i i32) (local $caught i32)
    (local.set $i (local.get $first))
    (loop $next
      (local.set $caught (i32.add (local.get $caught) (call $pcall (local.get $i))))
      (br_if $next (i32.lt_s (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
    (local.get $caught))

  ;; pcall(x) for x = first .. n-1 (first = -1 traps in longjmp instead of throwing); the errors caught, or -1 when
  ;; the shadow stack pointer did not come back
  (func $run (export "run") (param $n i32) (param $first i32) (result i32) (local $caught i32)
    (local.set $caught (call $loop (local.get $n) (local.get $first)))
    (if (result i32) (i32.eq (global.get $sp) (i32.const 4096))
      (then (local.get $caught))
      (else (i32.const -1)))))
