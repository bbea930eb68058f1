/* Recursive calls: call/return overhead and frames dominate. */
#include "kernel.h"

static uint32_t fib(uint32_t k) {
    return k < 2 ? k : fib(k - 1) + fib(k - 2);
}

/* Takeuchi: three-argument recursion, deeper argument traffic than fib. */
static int32_t tak(int32_t x, int32_t y, int32_t z) {
    return y < x ? tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y)) : z;
}

KERNEL_EXPORT uint32_t run(int32_t n) {
    uint32_t h = CHECKSUM_SEED;
    h = mix32(h, fib((uint32_t) n));
    h = mix32(h, (uint32_t) tak(n / 2, n / 3, n / 6));
    return h;
}
