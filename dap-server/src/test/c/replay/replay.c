// The record-and-replay tests' program: it reads the three kinds of nondeterministic input (a clock, random
// bytes, a file), so a replay that called the host again would see other values. Built at -O0 (see build.sh).
#include <stdio.h>
#include <time.h>
#include <unistd.h>

long long clock_ns;
unsigned char rnd[8];
char text[32];
unsigned sum;

static long long read_clock(void) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (long long) ts.tv_sec * 1000000000LL + ts.tv_nsec; // @cret
}

static int twice(int x) {
    return 2 * x; // @twice
}

static int plus(int x) {
    return x + 1; // @plus
}

int main(void) {
    clock_ns = read_clock(); // @clock
    getentropy(rnd, sizeof rnd); // @random
    FILE *f = fopen("input.txt", "r"); // @open
    size_t n = f ? fread(text, 1, sizeof text - 1, f) : 0; // @read
    if (f) {
        fclose(f);
    }
    for (int i = 0; i < 8; i++) {
        sum = sum * 31 + rnd[i]; // @sum
    }
    printf("%lld %u %zu %s\n", clock_ns, sum, n, text); // @print
    int t = twice(plus(3)); // @calls
    return t - 8;
}
