// The DAP server's test program: loops to step through, a value to change from the debugger, and one way to fail
// per command-line mode. Built at -O1 like the other examples; noinline keeps each function its own Wasm frame, and
// the marker comments ("// @name") let tests find lines without hard-coding numbers.
//
//   debugme            sum a few scaled values and print the total
//   debugme div        divide by zero (trap: integer divide by zero)
//   debugme fpcast     call a function through a pointer of the wrong type (trap: indirect call type mismatch)
//   debugme spin       loop until a debugger clears `spinning`
#include <stdio.h>
#include <string.h>

volatile int spinning = 1;
volatile unsigned long spins;

__attribute__((noinline)) int scale(int value, int factor) {
    int scaled = value * factor; // @scale
    return scaled + 1;
}

__attribute__((noinline)) int sum(int n, int factor) {
    int total = 0;
    for (int i = 0; i < n; i++) { // @loop
        total += scale(i, factor); // @call-scale
    }
    return total; // @sum-return
}

__attribute__((noinline)) int divide(int a, int b) {
    return a / b; // @divide
}

__attribute__((noinline)) int add_two(int a, int b) {
    return a + b;
}

typedef int (*unary)(int);
unary volatile through = (unary) (void *) add_two;

__attribute__((noinline)) int call_through(int x) {
    return through(x); // @fpcast
}

__attribute__((noinline)) void spin(void) {
    while (spinning) {
        spins++; // @spin
    }
}

int main(int argc, char **argv) {
    const char *mode = argc > 1 ? argv[1] : "sum";
    if (strcmp(mode, "div") == 0) {
        printf("dividing\n");
        printf("result %d\n", divide(argc * 7, argc - 2)); // @call-divide
    } else if (strcmp(mode, "fpcast") == 0) {
        printf("calling through a cast pointer\n");
        printf("result %d\n", call_through(argc)); // @call-fpcast
    } else if (strcmp(mode, "spin") == 0) {
        printf("spinning\n");
        fflush(stdout);
        spin();
        printf("spun %lu times\n", spins);
    } else {
        int total = sum(4, 2); // @call-sum
        printf("total %d\n", total); // @print-total
    }
    return 0;
}
