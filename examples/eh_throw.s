# The C++ exception tag and the instruction that throws it: clang 14 cannot compile __builtin_wasm_throw in a file
# that does not define the tag ("undefined tag symbol cannot be weak"), and C cannot define one.
.globl __cpp_exception
.tagtype __cpp_exception i32
__cpp_exception:

.globl eh_throw
.type eh_throw,@function
eh_throw:
    .functype eh_throw (i32) -> ()
    local.get 0
    throw __cpp_exception
    unreachable
    end_function
