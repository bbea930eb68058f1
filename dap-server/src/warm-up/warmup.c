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

// With an argument (the warm-up launches it with one), sum runs again and again with a short loop, so that the line
// steps also return from sum into main, read main's `total` (a value on the Wasm operand stack at -O1) and step over
// main's printf: what a user's first steps out of a function do (benchmarks/RESULTS.md, session 28). About as many
// printf calls as the one long call of sum (without an argument) makes: what the warm-up's last `continue` runs in one
// call of the interpreter, and more made C2 compile the interpreter loop while a fresh server's clients stepped.
int main(int argc, char **argv) {
    int rounds = argc > 1 ? 30 : 1;
    int n = argc > 1 ? 3 : 100;
    for (int round = 0; round < rounds; round++) {
        int total = sum(n, 3 + round % 4); // @call-sum
        printf("total %d after %d calls\n", total, calls); // @print-total
    }
    return 0;
}
