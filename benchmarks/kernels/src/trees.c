/* malloc/free-heavy: the Benchmarks Game's binary trees on libc's allocator, plus variable-size churn. */
#include <stdlib.h>
#include "kernel.h"

struct node {
    struct node *left, *right;
};

static struct node *build(int depth) {
    struct node *n = malloc(sizeof *n);
    if (depth > 0) {
        n->left = build(depth - 1);
        n->right = build(depth - 1);
    } else {
        n->left = n->right = NULL;
    }
    return n;
}

static uint32_t check(const struct node *n) {
    return 1u + (n->left ? check(n->left) + check(n->right) : 0u);
}

static void release(struct node *n) {
    if (n->left) {
        release(n->left);
        release(n->right);
    }
    free(n);
}

/* n is the maximum tree depth; like the original, shallower trees are built more often. */
KERNEL_EXPORT uint32_t run(int32_t n) {
    uint32_t h = CHECKSUM_SEED;
    struct node *long_lived = build(n);
    for (int depth = 4; depth <= n; depth += 2) {
        int iterations = 1 << (n - depth + 4);
        uint32_t total = 0;
        for (int i = 0; i < iterations; i++) {
            struct node *t = build(depth);
            total += check(t);
            release(t);
        }
        h = mix32(h, total);
    }
    h = mix32(h, check(long_lived));
    release(long_lived);
    /* Variable-size blocks freed out of order exercise the free lists, not just one size class. */
    void *slots[64] = {0};
    uint32_t seed = 17u;
    for (int i = 0; i < (1 << n); i++) {
        uint32_t r = lcg(&seed);
        int s = (int) (r >> 26);
        free(slots[s]);
        size_t size = 8u + ((r >> 8) & 1023u);
        slots[s] = malloc(size);
        memset(slots[s], (int) (r & 0xffu), size);
        h = mix32(h, ((uint8_t *) slots[s])[size - 1]);
    }
    for (int s = 0; s < 64; s++) free(slots[s]);
    return h;
}
