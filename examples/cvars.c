// The DAP server's C-variables program: typed locals to read, expand, evaluate and change from the debugger. Built
// at -O0 (unlike the other examples) so every variable keeps one home and a value at every line; clamp() is inlined
// even so (always_inline), for a virtual frame with its own variables. The marker comments ("// @name") let tests
// find lines without hard-coding numbers.
#include <stdio.h>

enum color { RED, GREEN, BLUE };

struct point {
    int x;
    int y;
};

struct shape {
    struct point origin;
    enum color color;
    const char *label;
};

int calls;              // a global of the unit
static int squares[40]; // a static array longer than one page of elements

static inline __attribute__((always_inline)) int clamp(int value, int limit) {
    int over = value - limit;
    return over > 0 ? limit : value; // @clamp
}

__attribute__((noinline)) static int weigh(struct point *p, int bias) {
    calls++;
    return p->x * 2 + p->y + bias; // @weigh
}

int main(void) {
    struct point pt = {3, 4};
    struct point *p = &pt;
    int arr[5] = {10, 20, 30, 40, 50};
    const char *name = "trapdoor";
    enum color color = GREEN;
    struct shape shape = {{1, 2}, BLUE, "square"};
    int factor = 2;
    int total = 0;
    for (int i = 0; i < 5; i++) {
        squares[i] = i * i; // @square
        total += arr[i] * factor; // @loop-body
    }
    int weight = weigh(p, factor); // @report
    printf("%s: total %d weight %d clamped %d color %d shape %s\n", name, total, weight, clamp(weight, 10), color,
           shape.label);
    return 0;
}
