/* A shared counter: with -matomics clang emits threads instructions (0xfe). */
static int counter;
int bump(void) {
    return __atomic_fetch_add(&counter, 1, __ATOMIC_SEQ_CST);
}
