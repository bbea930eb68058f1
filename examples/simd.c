/*
 * SIMD example: saxpy, a dot product and a byte histogram, printed so that every build can be compared with the
 * scalar one. Built three ways by build.sh: scalar (-O3), auto-vectorized (-O3 -msimd128) and with explicit
 * intrinsics from wasm_simd128.h (-O3 -msimd128 -DUSE_INTRINSICS). The outputs must be identical.
 */
#include <stdint.h>
#include <stdio.h>
#ifdef USE_INTRINSICS
#include <wasm_simd128.h>
#endif

#define N 1024

static float xs[N], ys[N];
static int32_t as[N], bs[N];
static uint8_t bytes[4 * N];

typedef int32_t int4 __attribute__((vector_size(16)));

__attribute__((noinline)) static void saxpy(float a, const float *x, float *y, int n) {
#ifdef USE_INTRINSICS
    v128_t va = wasm_f32x4_splat(a);
    int i = 0;
    for (; i + 4 <= n; i += 4) {
        v128_t vx = wasm_v128_load(x + i);
        v128_t vy = wasm_v128_load(y + i);
        wasm_v128_store(y + i, wasm_f32x4_add(wasm_f32x4_mul(va, vx), vy)); /* BP_SAXPY */
    }
    for (; i < n; i++) {
        y[i] = a * x[i] + y[i];
    }
#else
    for (int i = 0; i < n; i++) {
        y[i] = a * x[i] + y[i];
    }
#endif
}

__attribute__((noinline)) static int32_t dot(const int32_t *a, const int32_t *b, int n) {
#ifdef USE_INTRINSICS
    int4 acc = {0, 0, 0, 0};
    int i = 0;
    for (; i + 4 <= n; i += 4) { /* BP_DOT */
        int4 va = (int4) wasm_v128_load(a + i);
        int4 vb = (int4) wasm_v128_load(b + i);
        acc += va * vb;
    }
    int32_t sum = acc[0] + acc[1] + acc[2] + acc[3];
    for (; i < n; i++) {
        sum += a[i] * b[i];
    }
    return sum;
#else
    int32_t sum = 0;
    for (int i = 0; i < n; i++) {
        sum += a[i] * b[i];
    }
    return sum;
#endif
}

__attribute__((noinline)) static void histogram(const uint8_t *data, int n, uint32_t counts[16]) {
    for (int i = 0; i < 16; i++) {
        counts[i] = 0;
    }
#ifdef USE_INTRINSICS
    int i = 0;
    v128_t mask = wasm_i8x16_splat(15);
    for (; i + 16 <= n; i += 16) {
        v128_t nibbles = wasm_v128_and(wasm_v128_load(data + i), mask);
        for (int k = 0; k < 16; k++) {
            v128_t hit = wasm_i8x16_eq(nibbles, wasm_i8x16_splat((int8_t) k));
            counts[k] += (uint32_t) __builtin_popcount(wasm_i8x16_bitmask(hit));
        }
    }
    for (; i < n; i++) {
        counts[data[i] & 15]++;
    }
#else
    for (int i = 0; i < n; i++) {
        counts[data[i] & 15]++;
    }
#endif
}

int main(void) {
    uint32_t seed = 12345;
    for (int i = 0; i < N; i++) {
        seed = seed * 1103515245u + 12345u;
        xs[i] = (float) (seed >> 16 & 0xff) / 16.0f;
        ys[i] = (float) i / 4.0f;
        as[i] = (int32_t) (seed >> 8 & 0xffff) - 30000;
        bs[i] = (int32_t) (i * 7) - 500;
    }
    for (int i = 0; i < 4 * N; i++) {
        seed = seed * 1103515245u + 12345u;
        bytes[i] = (uint8_t) (seed >> 20);
    }
    saxpy(1.5f, xs, ys, N);
    double sum = 0;
    for (int i = 0; i < N; i++) {
        sum += ys[i];
    }
    printf("saxpy sum %.3f y[7] %.3f\n", sum, ys[7]);
    printf("dot %d\n", dot(as, bs, N));
    uint32_t counts[16];
    histogram(bytes, 4 * N, counts);
    printf("histogram");
    for (int i = 0; i < 16; i++) {
        printf(" %u", counts[i]);
    }
    printf("\n");
    return 0;
}
