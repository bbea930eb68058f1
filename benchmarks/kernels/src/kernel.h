/*
 * Shared by every kernel. Each kernel defines `uint32_t run(int32_t n)`: it does n units of work and returns a
 * checksum of everything it computed, so the benchmark can compare it with the same C compiled natively.
 * Kernels must give the same result on every call of one instance (steady-state benchmarks call run() repeatedly),
 * so all state is re-initialised inside run(). Integer arithmetic that may wrap is unsigned (no UB, so -O0, -O2
 * and gcc agree).
 */
#ifndef KERNEL_H
#define KERNEL_H
#include <stdint.h>
#include <string.h>

#ifdef __wasm__
#define KERNEL_EXPORT __attribute__((export_name("run")))
#else
#define KERNEL_EXPORT
#endif

/* Folds a 32-bit value into a running checksum (FNV-1a over its four bytes). */
static inline uint32_t mix32(uint32_t h, uint32_t v) {
    for (int i = 0; i < 4; i++) {
        h = (h ^ (v & 0xffu)) * 16777619u;
        v >>= 8;
    }
    return h;
}

/* Folds the exact bits of a double, so float kernels are checked bit for bit. */
static inline uint32_t mix_f64(uint32_t h, double d) {
    uint64_t bits;
    memcpy(&bits, &d, sizeof bits);
    return mix32(mix32(h, (uint32_t) bits), (uint32_t) (bits >> 32));
}

static inline uint32_t mix_f32(uint32_t h, float f) {
    uint32_t bits;
    memcpy(&bits, &f, sizeof bits);
    return mix32(h, bits);
}

#define CHECKSUM_SEED 2166136261u

/* A small LCG: deterministic inputs without libc's rand(). */
static inline uint32_t lcg(uint32_t *state) {
    *state = *state * 1664525u + 1013904223u;
    return *state;
}

uint32_t run(int32_t n);
#endif
