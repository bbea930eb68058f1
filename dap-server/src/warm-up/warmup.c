// The program `trapdoor dap --port` debugs in itself before it listens (dev.trapdoor.dap.warm): what a user's
// session steps through most, in a loop long enough for the warm-up's line steps. A call to a function of the module
// to step over and into, locals and a global to read, and a printf every iteration (a step over a host call,
// and output). Built by build.sh next to this file; the .wasm ships in the jar.
#include <stdio.h>

volatile int calls;

__attribute__((noinline)) int scale(int value, int factor) {
    int scaled = value * factor; // @scale
    calls++;
    return scaled + 1;
}

__attribute__((noinline)) int sum(int n, int factor) {
    int total = 0;
    for (int i = 0; i < n; i++) {
        total += scale(i, factor); // @call-scale
        printf("partial %d\n", total);
    }
    return total;
}

int main(void) {
    int total = sum(100, 3);
    printf("total %d after %d calls\n", total, calls);
    return 0;
}
