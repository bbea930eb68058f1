// The data breakpoint tests' program: each kind of writer touches a watched place once.
#include <stdio.h>
#include <string.h>
#include <unistd.h>

struct point {
    int x;
    int y;
};

struct point origin;
int counts[8];
volatile int total;
char buf[16];

__attribute__((noinline)) void bump(int *slot, int by) {
    *slot += by; // @bump
}

int main(void) {
    for (int i = 0; i < 8; i++) {
        bump(&counts[i], i);
    }
    origin.x = 1;
    origin.y = 2; // @set-y
    total = 10;
    total = 10; // @same
    total = 11; // @total-11
    memset(buf, 'A', sizeof buf - 1); // @fill
    read(0, buf, 4); // @read
    printf("%d %d %d %s\n", origin.y, counts[5], total, buf);
    return 0;
}
