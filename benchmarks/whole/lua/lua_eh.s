# Lua's error unwinding for wasm32 (see lua_wasi.h): a tag of our own, a throw, and a try/catch_all around one call.
# Written in assembly because clang 14 compiles no exception handling in C. The C stack pointer is restored on a
# catch, as a C++ landing pad would, since the frames that the exception skipped did not pop their stack frames.
.globaltype __stack_pointer, i32

.globl lua_eh_tag
.tagtype lua_eh_tag
lua_eh_tag:

.globl lua_eh_throw
.type lua_eh_throw,@function
lua_eh_throw:
    .functype lua_eh_throw () -> ()
    throw lua_eh_tag
    end_function

.globl lua_eh_try
.type lua_eh_try,@function
lua_eh_try:
    .functype lua_eh_try (i32, i32, i32) -> (i32)
    .local i32
    global.get __stack_pointer
    local.set 3
    try
    local.get 1
    local.get 2
    local.get 0
    call_indirect (i32, i32) -> ()
    catch_all
    local.get 3
    global.set __stack_pointer
    i32.const 1
    return
    end_try
    i32.const 0
    end_function
