/* The typed-variable tests' program (issue 6). No libc; each exported function is one scenario, and each marker
 * comment names a line the tests stop at (they find it by the marker, never by number). Built at -O0 and -O2.
 * sink() makes a variable's address escape so that -O2 must keep it in memory at the marker. */
#define EXPORT(name) __attribute__((export_name(name)))

typedef unsigned int u32;
typedef struct point point_t;

enum color { RED, GREEN = 5, BLUE };
struct point { int x; int y; };
struct rect { struct point min; struct point max; const char *label; };
union num { int i; float f; unsigned char bytes[4]; };
struct flags { unsigned int a : 3; signed int b : 5; unsigned int c : 1; unsigned int rest : 23; };
struct node { int value; struct node *next; };

int g_counter = 7;
static double s_scale = 2.5;
const char *g_greeting = "hello";
point_t g_origin = {3, 4};
int g_grid[2][3] = {{1, 2, 3}, {4, 5, 6}};
volatile int g_volatile = 9;
long long g_big = -1234567890123LL;
_Bool g_flag = 1;
unsigned char g_byte = 200;
enum color g_color = GREEN;
struct node g_nodes[3] = {{1, &g_nodes[1]}, {2, &g_nodes[2]}, {3, 0}};
int *g_dangling = (int *) 0x7ffffff0;
int g_big_array[300] = {5, 6, 7};
void *volatile g_sink;

__attribute__((noinline)) void sink(void *p) {
    g_sink = p;
}

EXPORT("inspect") int inspect(int n) {
    point_t p = {n, n * 2};
    struct rect r = {{1, 2}, {n + 10, 20}, "box"};
    int arr[4] = {10, 20, 30, 40};
    int grid[2][3] = {{1, 2, 3}, {4, 5, n}};
    struct point pts[2] = {{7, 8}, {9, 10}};
    enum color c = BLUE;
    union num u;
    u.f = 1.5f;
    struct flags fl = {5, -3, 1, 1000};
    const char *s = "hello";
    char *nul = 0;
    point_t *pp = &p;
    float f = 3.5f;
    double d = -0.25;
    _Bool b = n > 0;
    long long ll = -5000000000LL;
    unsigned char uc = 250;
    u32 t = 4000000000u;
    const volatile short cvs = -7;
    int *oob = g_dangling;
    sink(&r);
    sink(arr);
    sink(grid);
    sink(pts);
    sink(&u);
    sink(&fl);
    sink(&p); /* BP_INSPECT */
    return p.x + arr[2] + r.max.x + grid[1][2] + pts[1].y + (int) c + u.bytes[3] + fl.b + (s[0] == 'h') +
           (nul == 0) + pp->y + (int) f + (int) d + b + (int) (ll / 1000000000) + uc + (int) (t / 1000000000u) +
           cvs + (oob != 0);
}

EXPORT("blocks") int blocks(int n) {
    int outer = n + 1;
    int total = 0;
    for (int i = 0; i < n; i++) {
        int inner = outer * i;
        sink(&inner); /* BP_BLOCK */
        total += inner;
    }
    return total;
}

static inline __attribute__((always_inline)) int helper(int k) {
    int sq = k * k;
    sink(&sq); /* BP_HELPER */
    return sq + 1;
}

EXPORT("inlined") int inlined(int n) {
    int before = n * 3;
    return helper(before) + before;
}

EXPORT("sum_down") int sum_down(int n) {
    if (n == 0) {
        return g_counter; /* BP_BASE */
    }
    int here = n * 10;
    return here + sum_down(n - 1);
}

EXPORT("list_sum") int list_sum(struct node *head) {
    int total = 0;
    for (struct node *it = head; it != 0; it = it->next) {
        total += it->value; /* BP_LIST */
    }
    return total;
}

EXPORT("list_head") struct node *list_head(void) {
    return &g_nodes[0];
}

EXPORT("globals") double globals(void) {
    sink(&g_origin); /* BP_GLOBALS */
    return g_counter + s_scale + g_greeting[0] + g_origin.x + g_grid[1][1] + g_volatile + (double) g_big + g_flag +
           g_byte + g_color + g_nodes[0].value + (g_dangling != 0) + g_big_array[2];
}

/* Scalars in Wasm locals at -O2: no address taken, so the optimizer keeps them out of memory. */
EXPORT("scalars") int scalars(int a, int b) {
    int sum = a + b;
    int prod = a * b;
    sink(&g_counter); /* BP_SCALARS */
    return sum * 100 + prod;
}
