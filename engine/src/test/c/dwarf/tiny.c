/* A libc-free module whose DWARF is small enough to damage at every byte in tests. */
#include "mathutil.h"

static inline int twice(int x) {
    return x + x;                 /* TWICE_BODY */
}

int tiny(int n) {
    int acc = 0;
    for (int i = 0; i < n; i++) {
        acc += twice(i);          /* TINY_LOOP */
    }
    return clamp(acc, -50, 50);
}

/* Not exported and not called: wasm-ld drops it and leaves its DWARF with tombstone addresses. */
int dropped_by_linker(int x) {
    return x * 3;
}
