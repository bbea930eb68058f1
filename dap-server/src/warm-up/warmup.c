// The program `trapdoor dap --port` debugs in itself before it listens (dev.trapdoor.dap.warm): a loop for the line
// steps, a call to step over and into, locals and a global, a printf each iteration (host call and output, past C1's
// thresholds), and main as debugme.c's (total on the operand stack at its printf). Built by build.sh; in the jar.
#include <stdio.h>
#include <string.h>

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

int main(int argc, char **argv) {
    const char *mode = argc > 1 ? argv[1] : "sum";
    if (strcmp(mode, "none") == 0) {
        return 1;
    }
    int total = sum(100, 3);
    printf("total %d\n", total); // @print-total
    return 0;
}
