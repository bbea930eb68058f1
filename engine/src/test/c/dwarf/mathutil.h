#ifndef MATHUTIL_H
#define MATHUTIL_H

/* Defined in the header so its lines belong to mathutil.h in the line table. */
static inline int clamp(int v, int lo, int hi) {
    if (v < lo) {            /* CLAMP_LO */
        return lo;
    }
    if (v > hi) {
        return hi;
    }
    return v;
}

int sum_squares(int n);
int checksum(const char *s);

#endif
