// A call chain that ends in an out-of-bounds store, so the trap report shows named frames:
// store_far_away <- level_two <- level_one <- main.
#include <stdint.h>
#include <stdio.h>

// noinline keeps every function as its own frame at -O1.
__attribute__((noinline)) void store_far_away(volatile int *base, uint32_t offset) {
    base[offset] = 42; // far past the end of linear memory
}

__attribute__((noinline)) void level_two(uint32_t offset) {
    static int cell;
    store_far_away(&cell, offset);
    printf("not reached\n");
}

__attribute__((noinline)) void level_one(uint32_t offset) {
    level_two(offset);
    printf("not reached\n");
}

int main(void) {
    printf("about to trap\n");
    fflush(stdout);
    level_one(0x10000000); // 1 GiB past the cell: beyond any memory this program has
    return 0;
}
