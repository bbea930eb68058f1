/* Integer and bit hashing: multiplies, rotates, shifts, popcnt/clz/ctz, all in registers (locals). */
#include "kernel.h"

static inline uint32_t rotl32(uint32_t x, int r) { return (x << r) | (x >> (32 - r)); }

/* murmur3's finaliser. */
static inline uint32_t fmix32(uint32_t h) {
    h ^= h >> 16;
    h *= 0x85ebca6bu;
    h ^= h >> 13;
    h *= 0xc2b2ae35u;
    h ^= h >> 16;
    return h;
}

static inline uint64_t splitmix64(uint64_t *s) {
    uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

KERNEL_EXPORT uint32_t run(int32_t n) {
    uint32_t h1 = 0x9747b28cu;
    uint64_t s = 42u;
    uint32_t bits = 0;
    for (int32_t i = 0; i < n; i++) {
        uint32_t k = (uint32_t) i * 0xcc9e2d51u;
        k = rotl32(k, 15) * 0x1b873593u;
        h1 = rotl32(h1 ^ k, 13) * 5u + 0xe6546b64u;
        uint64_t r = splitmix64(&s);
        bits += (uint32_t) __builtin_popcountll(r) + (uint32_t) __builtin_clz((uint32_t) r | 1u)
                + (uint32_t) __builtin_ctzll(r | (1ull << 63));
        h1 ^= (uint32_t) (r >> 32);
    }
    uint32_t h = CHECKSUM_SEED;
    h = mix32(h, fmix32(h1 ^ (uint32_t) n));
    h = mix32(h, bits);
    return mix32(h, (uint32_t) s);
}
