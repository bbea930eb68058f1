#include "mathutil.h"

static inline int square(int x) {
    return x * x;            /* SQUARE_BODY */
}

int sum_squares(int n) {
    int total = 0;
    for (int i = 1; i <= n; i++) {
        total += square(i);  /* SUM_LOOP */
    }
    return clamp(total, 0, 100000);
}

int checksum(const char *s) {
    unsigned h = 5381;
    while (*s) {
        h = h * 33 + (unsigned char) *s++;   /* CHECKSUM_LOOP */
    }
    return (int) (h & 0x7fffffff);
}
