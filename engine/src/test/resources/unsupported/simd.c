/* A loop clang -O3 -msimd128 vectorizes: the module uses SIMD (0xfd) instructions. */
void scale(float *restrict out, const float *restrict in, float k, int n) {
    for (int i = 0; i < n; i++) {
        out[i] = in[i] * k;
    }
}
