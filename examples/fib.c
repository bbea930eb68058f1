// Exports fib for `trapdoor run --invoke fib fib.wasm N` (a reactor: no main, no _start).
#include <stdint.h>

__attribute__((export_name("fib"))) int64_t fib(int32_t n) {
    int64_t a = 0, b = 1;
    for (int32_t i = 0; i < n; i++) {
        int64_t t = a + b;
        a = b;
        b = t;
    }
    return a;
}

__attribute__((export_name("add"))) double add(double x, float y) {
    return x + y;
}
