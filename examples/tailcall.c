/* Mutual recursion in tail position, a million calls deep: with -mtail-call clang emits return_call, and each call
 * replaces its caller's frame (Trapdoor's call depth limit is 20,000). A debugger stopped at the bottom shows only
 * the frames that exist. */
#include <stdio.h>

static int is_odd(unsigned n);
/* How often the recursion reached its bottom: a store with a line of its own, for a breakpoint there. */
static volatile int bottoms;

__attribute__((noinline)) static int is_even(unsigned n) {
    if (n == 0) {
        bottoms++; // @BP_EVEN_BASE
        return 1;
    }
    __attribute__((musttail)) return is_odd(n - 1);
}

__attribute__((noinline)) static int is_odd(unsigned n) {
    if (n == 0) {
        return 0;
    }
    __attribute__((musttail)) return is_even(n - 1);
}

int main(void) {
    unsigned n = 1000000;
    printf("is_even(%u) = %d\n", n, is_even(n));
    printf("is_odd(%u) = %d\n", n + 1, is_odd(n + 1));
    printf("is_even(%u) = %d\n", n + 7, is_even(n + 7));
    return 0;
}
