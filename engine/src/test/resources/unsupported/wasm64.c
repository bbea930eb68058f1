/* A freestanding kernel for --target=wasm64: its memory is 64-bit (memory64). */
unsigned long long sum(const unsigned char *p, unsigned long long n) {
    unsigned long long s = 0;
    for (unsigned long long i = 0; i < n; i++) {
        s += p[i];
    }
    return s;
}
