/* libc string formatting: snprintf of integers, hex, strings and doubles (%f, %e, %g use soft long double). */
#include <stdio.h>
#include "kernel.h"

KERNEL_EXPORT uint32_t run(int32_t n) {
    static const char *const words[] = {"alpha", "beta", "gamma", "delta"};
    char line[160];
    uint32_t h = CHECKSUM_SEED;
    uint32_t seed = 3u;
    for (int32_t i = 0; i < n; i++) {
        uint32_t r = lcg(&seed);
        double d = (double) (int32_t) r / 1024.0;
        int len = snprintf(line, sizeof line, "%d|%u|%08x|%-6s|%.3f|%.6e|%g|%lld", i, r, r >> 3, words[r & 3u], d,
                           d * 1e-7, d / 3.0, (long long) r * -977LL);
        h = mix32(h, (uint32_t) len);
        for (int k = 0; k < len; k++) h = (h ^ (uint8_t) line[k]) * 16777619u;
    }
    return h;
}
