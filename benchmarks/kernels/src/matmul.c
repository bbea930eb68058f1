/* Dense double matrix multiply (i-k-j order), checked bit for bit. */
#include "kernel.h"

#define MAX_DIM 160
static double a[MAX_DIM * MAX_DIM], b[MAX_DIM * MAX_DIM], c[MAX_DIM * MAX_DIM];

KERNEL_EXPORT uint32_t run(int32_t n) {
    if (n > MAX_DIM) n = MAX_DIM;
    uint32_t seed = 31u;
    for (int i = 0; i < n * n; i++) {
        a[i] = (double) (lcg(&seed) >> 8) / 16777216.0 - 0.5;
        b[i] = (double) (lcg(&seed) >> 8) / 16777216.0 - 0.5;
        c[i] = 0.0;
    }
    for (int i = 0; i < n; i++) {
        for (int k = 0; k < n; k++) {
            double aik = a[i * n + k];
            for (int j = 0; j < n; j++) c[i * n + j] += aik * b[k * n + j];
        }
    }
    uint32_t h = CHECKSUM_SEED;
    for (int i = 0; i < n * n; i++) h = mix_f64(h, c[i]);
    return h;
}
