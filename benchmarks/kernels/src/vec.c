/*
 * SIMD kernel pair: saxpy, an integer dot product and a byte histogram, plain C that clang vectorizes at
 * -O3 -msimd128 and leaves scalar at -O3 (build.sh builds both). Float math is bit-exact across the builds: no
 * contraction, and the float sum is taken in one fixed order after the vector loop.
 */
#include "kernel.h"

#define LEN 4096

static float xs[LEN], ys[LEN];
static int32_t as[LEN], bs[LEN];
static uint8_t data[LEN];
static uint32_t counts[256];

static void init(void) {
    uint32_t seed = 2463534242u;
    for (int i = 0; i < LEN; i++) {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        xs[i] = (float) (seed & 0xffff) / 4096.0f;
        ys[i] = (float) (i & 255) / 8.0f;
        as[i] = (int32_t) (seed >> 16) - 32768;
        bs[i] = (int32_t) (seed & 0x7fff) - 16384;
        data[i] = (uint8_t) (seed >> 24);
    }
}

static void saxpy(float a) {
    for (int i = 0; i < LEN; i++) {
        ys[i] = a * xs[i] + ys[i];
    }
}

static uint32_t dot(void) {
    uint32_t sum = 0;
    for (int i = 0; i < LEN; i++) {
        sum += (uint32_t) as[i] * (uint32_t) bs[i];
    }
    return sum;
}

static void histogram(void) {
    memset(counts, 0, sizeof counts);
    for (int i = 0; i < LEN; i++) {
        counts[data[i]]++;
    }
}

KERNEL_EXPORT uint32_t run(int32_t n) {
    init();
    uint32_t h = 2166136261u;
    for (int r = 0; r < n; r++) {
        saxpy(0.5f);
        h = mix32(h, dot());
        histogram();
        h = mix32(h, counts[r & 255]);
    }
    for (int i = 0; i < LEN; i += 61) {
        h = mix_f64(h, ys[i]);
    }
    return h;
}
