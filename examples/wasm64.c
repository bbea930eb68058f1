/*
 * A freestanding kernel for --target=wasm64 (memory64): no libc, its pointers and size_t are 64 bits. run() fills a
 * static buffer from a linear congruential generator and returns the buffer's FNV-1a hash; built natively with
 * -DNATIVE it prints what run() returns, which `trapdoor run --invoke run wasm64.wasm` must print too (build.sh
 * records it in wasm64.expected).
 */
#define BUFFER_SIZE 4096

static unsigned char buffer[BUFFER_SIZE];

__attribute__((noinline)) void fill(unsigned char *p, unsigned long n, unsigned int seed) {
    for (unsigned long i = 0; i < n; i++) {
        seed = seed * 1103515245u + 12345u;
        p[i] = (unsigned char) (seed >> 16);
    }
}

__attribute__((noinline)) long long checksum(const unsigned char *p, unsigned long n) {
    unsigned long long h = 1469598103934665603ull;
    for (unsigned long i = 0; i < n; i++) {
        h ^= p[i]; // @BP_CHECKSUM
        h *= 1099511628211ull;
    }
    return (long long) h;
}

long long run(void) {
    fill(buffer, BUFFER_SIZE, 42);
    return checksum(buffer, BUFFER_SIZE);
}

#ifdef NATIVE
#include <stdio.h>

int main(void) {
    printf("%lld\n", run());
    return 0;
}
#endif
