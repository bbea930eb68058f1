// The debugger tests' program: each function is a scenario (stepping, recursion, a pause, a bad function cast).
// Built at -O0 so every statement keeps its own code; see build.sh.

#define EXPORT(name) __attribute__((export_name(name)))

int square(int x) {
    int r = x * x;
    return r;
}

EXPORT("sum_squares") int sum_squares(int n) {
    int s = 0;
    for (int i = 0; i < n; i++) {
        s += square(i);
    }
    return s;
}

EXPORT("depth") int depth(int n) {
    if (n == 0) {
        return 0;
    }
    return 1 + depth(n - 1);
}

EXPORT("divide") int divide(int a, int b) {
    return a / b;
}

EXPORT("spin") int spin(void) {
    volatile int x = 0;
    for (;;) {
        x++;
    }
    return x;
}

typedef int (*binop)(int, int);

static int plus_one(int a) {
    return a + 1;
}

// Calls plus_one through a pointer of the wrong type, as code ported from C with sloppy casts does.
EXPORT("bad_cast") int bad_cast(int a) {
    binop f = (binop) (void *) plus_one;
    return f(a, 2);
}
