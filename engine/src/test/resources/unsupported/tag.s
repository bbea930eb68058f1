# Defines the C++ exception tag that clang's __builtin_wasm_throw(0, ...) throws (libc++abi normally does).
.globl __cpp_exception
.tagtype __cpp_exception i32
__cpp_exception:
