/* A 2-D five-point Jacobi stencil in single precision (f32 loads, stores and arithmetic). */
#include "kernel.h"

#define DIM 96
static float grid[2][DIM * DIM];

KERNEL_EXPORT uint32_t run(int32_t n) {
    uint32_t seed = 8u;
    for (int i = 0; i < DIM * DIM; i++) {
        grid[0][i] = (float) (lcg(&seed) >> 16) / 65536.0f;
        grid[1][i] = grid[0][i];
    }
    int cur = 0;
    for (int32_t step = 0; step < n; step++) {
        float *src = grid[cur], *dst = grid[cur ^ 1];
        for (int y = 1; y < DIM - 1; y++) {
            for (int x = 1; x < DIM - 1; x++) {
                int i = y * DIM + x;
                dst[i] = 0.2f * (src[i] + src[i - 1] + src[i + 1] + src[i - DIM] + src[i + DIM]);
            }
        }
        cur ^= 1;
    }
    uint32_t h = CHECKSUM_SEED;
    for (int i = 0; i < DIM * DIM; i += 7) h = mix_f32(h, grid[cur][i]);
    return h;
}
