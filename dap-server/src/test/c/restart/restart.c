// The restartFrame tests' program: a frame restarted with its entry arguments runs its body again, while memory
// (the global `calls`) keeps what the first run did. Built at -O0 (see build.sh), so no function assigns a parameter.
#include <stdio.h>

int calls;

int counter(int n) {
    int acc = 0; // @acc
    for (int i = 1; i <= n; i++) {
        acc += i;
    }
    calls++;
    return acc; // @ret
}

int outer(int n) {
    int r = counter(n); // @call
    return r * 2;
}

int main(void) {
    int v = outer(4);
    printf("%d %d\n", v, calls);
    return 0;
}
