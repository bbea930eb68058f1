/* Mutual recursion in tail position: with -mtail-call clang emits return_call. */
int is_odd(unsigned n);
__attribute__((noinline)) int is_even(unsigned n) {
    if (n == 0) {
        return 1;
    }
    __attribute__((musttail)) return is_odd(n - 1);
}
__attribute__((noinline)) int is_odd(unsigned n) {
    if (n == 0) {
        return 0;
    }
    __attribute__((musttail)) return is_even(n - 1);
}
